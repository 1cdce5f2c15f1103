// Seeds the demo newsroom into an empty database, in one transaction.
import { linkMentions } from "../comments/mentions.js";
import { countsAsReply, HIDES_REPLIES } from "../visibility/comments.js";
import type { Db } from "../db.js";
import type { Block } from "../articles/blocks.js";
import { articles, authors, corridorThread, geneveThread, media, sources, topics, type CommentSeed } from "./content.js";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const threads: Record<string, CommentSeed[]> = {
  "ministers-meet-in-geneva-as-border-talks-resume": geneveThread,
  "trade-corridor-vote-delayed": corridorThread,
};

export async function seedDemoContent(prisma: Db): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      const authorIds = await createEach(authors, (a) => tx.author.create({ data: a }), (a) => a.slug);
      const topicIds = await createEach(topics, (t) => tx.topic.create({ data: t }), (t) => t.slug);
      const sourceIds = new Map<string, number>();
      for (const { key, organization, ...source } of sources) {
        const row = await tx.source.create({
          data: { ...source, organizationId: organization ? sourceIds.get(organization)! : null },
        });
        sourceIds.set(key, row.id);
      }
      const mediaIds = await createEach(
        media,
        ({ key: _key, credit, ...m }) => tx.media.create({ data: { ...m, creditId: sourceIds.get(credit)! } }),
        (m) => m.key,
      );
      for (const article of articles) {
        await createArticle(tx, article, { authorIds, topicIds, sourceIds, mediaIds });
      }
    },
    { timeout: 30_000 },
  );
}

async function createEach<T, K>(items: readonly T[], create: (item: T) => Promise<{ id: number }>, key: (item: T) => K) {
  const ids = new Map<K, number>();
  for (const item of items) ids.set(key(item), (await create(item)).id);
  return ids;
}

interface Ids {
  authorIds: Map<string, number>;
  topicIds: Map<string, number>;
  sourceIds: Map<string, number>;
  mediaIds: Map<string, number>;
}

async function createArticle(tx: Tx, seed: (typeof articles)[number], ids: Ids): Promise<void> {
  const publishedAt = seed.publishedAt ? new Date(seed.publishedAt) : null;
  const article = await tx.article.create({
    data: {
      slug: seed.slug,
      title: seed.title,
      subtitle: seed.subtitle ?? null,
      dateline: seed.dateline ?? null,
      excerpt: seed.excerpt,
      status: seed.status,
      publishedAt,
      moderation: seed.moderation ?? "POST",
      commentsOpen: seed.commentsOpen ?? true,
      body: [],
      bylines: { create: seed.authors.map((slug, position) => ({ authorId: ids.authorIds.get(slug)!, position })) },
      topics: { create: seed.topics.map((slug) => ({ topicId: ids.topicIds.get(slug)! })) },
    },
  });

  const blockOf = (predicate: (block: (typeof seed.body)[number]) => boolean) => {
    const index = seed.body.findIndex(predicate);
    return index === -1 ? null : index;
  };
  const citationIds = new Map<string, number>();
  for (const [position, citation] of seed.citations.entries()) {
    const row = await tx.citation.create({
      data: {
        articleId: article.id,
        sourceId: ids.sourceIds.get(citation.source)!,
        quote: citation.quote ?? null,
        context: citation.context,
        position,
        blockIndex: blockOf((block) => block.type === "quote" && block.citation === citation.key),
      },
    });
    citationIds.set(citation.key, row.id);
  }
  const imageIds = new Map<string, number>();
  for (const [position, image] of seed.images.entries()) {
    const row = await tx.articleImage.create({
      data: {
        articleId: article.id,
        mediaId: ids.mediaIds.get(image.media)!,
        position,
        caption: image.caption ?? null,
        blockIndex: blockOf((block) => block.type === "image" && block.media === image.media),
      },
    });
    imageIds.set(image.media, row.id);
  }
  const body: Block[] = seed.body.map((block) => {
    if (block.type === "quote") return { type: "quote", text: block.text, citationId: citationIds.get(block.citation)! };
    if (block.type === "image") return { type: "image", imageId: imageIds.get(block.media)! };
    return block;
  });
  await tx.article.update({ where: { id: article.id }, data: { body, updatedAt: publishedAt ?? new Date() } });

  const start = (publishedAt ?? new Date()).getTime();
  let minute = 0;
  const nextTime = () => new Date(start + ++minute * 7 * 60_000);
  const thread = threads[seed.slug] ?? [];
  for (const comment of thread) await createComment(tx, { articleId: article.id, comment, parent: null, nextTime });
}

/** Creates a comment and its replies; returns whether the public sees it (for the parent's replyCount). */
async function createComment(
  tx: Tx,
  options: {
    articleId: number;
    comment: CommentSeed;
    parent: { id: number; rootId: number; depth: number; hiddenAncestors: number } | null;
    nextTime: () => Date;
  },
): Promise<boolean> {
  const { articleId, comment, parent, nextTime } = options;
  const status = comment.status ?? "APPROVED";
  const row = await tx.comment.create({
    data: {
      articleId,
      parentId: parent?.id ?? null,
      rootId: parent?.rootId ?? null,
      depth: parent ? parent.depth + 1 : 0,
      hiddenAncestors: parent?.hiddenAncestors ?? 0,
      authorName: comment.name,
      guestEmail: comment.email ?? null,
      body: comment.body,
      status,
      createdAt: nextTime(),
    },
  });
  await linkMentions(tx, row);
  let replyCount = 0;
  for (const reply of comment.replies ?? []) {
    const self = { id: row.id, rootId: parent?.rootId ?? row.id, depth: row.depth, hiddenAncestors: row.hiddenAncestors + (HIDES_REPLIES.includes(status) ? 1 : 0) };
    if (await createComment(tx, { articleId, comment: reply, parent: self, nextTime })) replyCount++;
  }
  if (replyCount > 0) await tx.comment.update({ where: { id: row.id }, data: { replyCount } });
  return countsAsReply({ status, replyCount });
}
