// Fixture factories: sensible defaults, every field overridable.
import { HIDES_REPLIES } from "../../src/visibility/comments.js";
import type { Db } from "../../src/db.js";
import type { Prisma } from "../../src/generated/prisma/client.js";

let sequence = 0;
const next = () => ++sequence + Math.floor(Math.random() * 1e6) * 1000;

export async function createArticle(prisma: Db, overrides: Partial<Prisma.ArticleUncheckedCreateInput> = {}) {
  const n = next();
  return prisma.article.create({
    data: {
      slug: `fixture-article-${n}`,
      title: `Fixture article ${n}`,
      body: [{ type: "paragraph", text: "Fixture body." }],
      status: "PUBLISHED",
      publishedAt: new Date("2026-01-01T00:00:00Z"),
      ...overrides,
    },
  });
}

export async function createAuthor(prisma: Db, overrides: Partial<Prisma.AuthorCreateInput> = {}) {
  const n = next();
  return prisma.author.create({ data: { slug: `fixture-author-${n}`, name: `Author ${n}`, ...overrides } });
}

export async function createSource(prisma: Db, overrides: Partial<Prisma.SourceUncheckedCreateInput> = {}) {
  return prisma.source.create({ data: { kind: "PERSON", name: `Source ${next()}`, ...overrides } });
}

/** A comment; replies get their root and depth from the parent. */
export async function createComment(
  prisma: Db,
  overrides: Partial<Prisma.CommentUncheckedCreateInput> & { articleId: number },
) {
  const parent = overrides.parentId ? await prisma.comment.findUniqueOrThrow({ where: { id: overrides.parentId } }) : null;
  const comment = await prisma.comment.create({
    data: {
      authorName: "Fixture Reader",
      body: "A fixture comment.",
      status: "APPROVED",
      rootId: parent ? (parent.rootId ?? parent.id) : null,
      depth: parent ? parent.depth + 1 : 0,
      hiddenAncestors: parent ? parent.hiddenAncestors + (HIDES_REPLIES.includes(parent.status) ? 1 : 0) : 0,
      ...overrides,
    },
  });
  if (parent && comment.status === "APPROVED") {
    await prisma.comment.update({ where: { id: parent.id }, data: { replyCount: { increment: 1 } } });
  }
  return comment;
}

/** An article with `comments` top-level comments, each with `replies` replies. */
export async function createThreadedArticle(prisma: Db, options: { comments: number; replies: number }) {
  const article = await createArticle(prisma);
  const start = Date.UTC(2026, 0, 2);
  let minute = 0;
  for (let c = 0; c < options.comments; c++) {
    const top = await createComment(prisma, { articleId: article.id, createdAt: new Date(start + ++minute * 60_000) });
    for (let r = 0; r < options.replies; r++) {
      await createComment(prisma, { articleId: article.id, parentId: top.id, createdAt: new Date(start + ++minute * 60_000) });
    }
  }
  return article;
}
