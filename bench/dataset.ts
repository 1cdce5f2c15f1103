// The benchmark dataset, generated deterministically (no randomness) into the product's own schema
// on PostgreSQL or SQLite, in the shape of the peers' seed: 200 authors, 50 sources, 10,000
// articles, 200,000 comments of which about 30% are replies, skewed so that article 1 has about
// 2,000 comments. Usage: DATABASE_URL=... npx tsx bench/dataset.ts
import { fileURLToPath } from "node:url";
import { migrate, openDatabase, type Database } from "../src/db.js";

export const SIZES = { authors: 200, sources: 50, articles: 10_000, comments: 200_000 };
/** Beyond the peers' seed, a skew newsrooms have: a wire service cited by every other article, and a source cited three times. */
export const WIRE = { id: SIZES.sources + 1, every: 2 };
export const RARE = { id: SIZES.sources + 2, articles: [100, 5_000, 9_000] };
const BATCH = 5_000;
const BASE = Date.UTC(2025, 0, 1);
const STATUSES = ["PENDING", "SPAM"] as const;

/** Comments per article: a power-law skew (article 1 ≈ 2,000), topped up evenly to the total. */
export function commentCounts(): number[] {
  const counts = Array.from({ length: SIZES.articles }, (_, i) => Math.max(8, Math.round(2000 / Math.pow(i + 1, 0.65))));
  let missing = SIZES.comments - counts.reduce((a, b) => a + b, 0);
  for (let i = SIZES.articles - 1; missing > 0; i = (i - 1 + SIZES.articles) % SIZES.articles, missing--) counts[i]!++;
  return counts;
}

export async function loadDataset(database: Database): Promise<void> {
  const { prisma } = database;
  await prisma.author.createMany({
    data: Array.from({ length: SIZES.authors }, (_, i) => ({
      id: i + 1,
      slug: `author-${i + 1}`,
      name: `Author ${i + 1}`,
      bio: `Author ${i + 1} writes about ${["politics", "science", "sport", "culture", "business"][i % 5]}.`,
    })),
  });
  await prisma.source.createMany({
    data: Array.from({ length: SIZES.sources }, (_, i) => ({
      id: i + 1,
      kind: (["PUBLICATION", "ORGANIZATION", "PERSON", "SOCIAL_ACCOUNT", "DOCUMENT"] as const)[i % 5]!,
      name: `Source ${i + 1}`,
      url: `https://source-${i + 1}.example`,
    })),
  });
  await prisma.source.createMany({
    data: [
      { id: WIRE.id, kind: "PUBLICATION", name: "The Wire", url: "https://wire.example" },
      { id: RARE.id, kind: "PERSON", name: "Rarely Quoted", url: "https://rare.example" },
    ],
  });
  // Eight topics, each article on one, so the front page can be filtered by topic.
  await prisma.topic.createMany({ data: Array.from({ length: 8 }, (_, i) => ({ id: i + 1, slug: `topic-${i + 1}`, name: `Topic ${i + 1}` })) });
  for (let start = 0; start < SIZES.articles; start += BATCH) {
    const ids = Array.from({ length: Math.min(BATCH, SIZES.articles - start) }, (_, k) => start + k + 1);
    await prisma.article.createMany({
      data: ids.map((id) => ({
        id,
        slug: `article-${id}`,
        title: `Article ${id}: a story worth reading`,
        excerpt: `The short version of article ${id}.`,
        body: [{ type: "paragraph", text: `Article ${id} body. ${"Some considered prose. ".repeat(1 + (id % 5))}` }],
        status: "PUBLISHED" as const,
        publishedAt: new Date(BASE + id * 3_600_000),
        updatedAt: new Date(BASE + id * 3_600_000),
      })),
    });
    await prisma.byline.createMany({ data: ids.map((id) => ({ articleId: id, authorId: 1 + (id % SIZES.authors), position: 0 })) });
    await prisma.articleTopic.createMany({ data: ids.map((id) => ({ articleId: id, topicId: 1 + (id % 8) })) });
    await prisma.citation.createMany({
      data: ids.map((id) => ({ id, articleId: id, sourceId: 1 + (id % SIZES.sources), context: "reported", position: 0 })),
    });
  }
  // Even article ids: article 1, the article page's, keeps its one citation.
  const wire = Array.from({ length: SIZES.articles / WIRE.every }, (_, k) => (k + 1) * WIRE.every);
  const extra = [...wire.map((articleId) => ({ articleId, sourceId: WIRE.id })), ...RARE.articles.map((articleId) => ({ articleId, sourceId: RARE.id }))];
  for (let start = 0; start < extra.length; start += BATCH) {
    const batch = extra.slice(start, start + BATCH);
    await prisma.citation.createMany({ data: batch.map((row, k) => ({ id: SIZES.articles + start + k + 1, ...row, context: "reported", position: 1 })) });
  }
  await loadComments(database);
  if (database.provider === "postgresql") {
    for (const table of ["Author", "Source", "Topic", "Article", "Citation", "Comment"]) {
      await prisma.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max(id) FROM "${table}"))`);
    }
    // As the peers' seed does: index-only scans then skip the heap, on their tables and on ours.
    await prisma.$executeRawUnsafe("VACUUM ANALYZE");
  }
}

interface CommentRow {
  id: number;
  articleId: number;
  parentId: number | null;
  rootId: number | null;
  depth: number;
  authorName: string;
  body: string;
  status: string;
  replyCount: number;
  createdAt: string;
}

const COMMENT_COLUMNS: [keyof CommentRow, string][] = [
  ["id", "int"],
  ["articleId", "int"],
  ["parentId", "int"],
  ["rootId", "int"],
  ["depth", "int"],
  ["authorName", "text"],
  ["body", "text"],
  ["status", '"CommentStatus"'],
  ["replyCount", "int"],
  ["createdAt", "timestamp(3)"],
];

/** 200,000 rows through createMany takes a minute; one JSON parameter per 20,000 rows takes seconds. */
async function insertComments({ prisma, provider }: Database, rows: CommentRow[]): Promise<void> {
  const names = COMMENT_COLUMNS.map(([name]) => `"${name}"`).join(", ");
  const sql =
    provider === "postgresql"
      ? `INSERT INTO "Comment" (${names}) SELECT ${names} FROM json_to_recordset($1::json) AS x(${COMMENT_COLUMNS.map(([n, t]) => `"${n}" ${t}`).join(", ")})`
      : `INSERT INTO "Comment" (${names}) SELECT ${COMMENT_COLUMNS.map(([n]) => `json_extract(value, '$.${n}')`).join(", ")} FROM json_each(?)`;
  await prisma.$executeRawUnsafe(sql, JSON.stringify(rows));
}

async function loadComments(database: Database): Promise<void> {
  const counts = commentCounts();
  let id = 0;
  let batch: CommentRow[] = [];
  for (let a = 0; a < counts.length; a++) {
    const articleId = a + 1;
    const n = counts[a]!;
    const tops = Math.round(n * 0.7);
    const topIds: number[] = [];
    const replies = new Map<number, number>();
    const rows: CommentRow[] = [];
    for (let k = 0; k < n; k++) {
      const commentId = ++id;
      const status = commentId % 20 < 2 ? STATUSES[commentId % 20]! : "APPROVED";
      const isReply = k >= tops;
      const parentId = isReply ? topIds[(k * 7) % topIds.length]! : null;
      if (!isReply) topIds.push(commentId);
      else if (status === "APPROVED") replies.set(parentId!, (replies.get(parentId!) ?? 0) + 1);
      rows.push({
        id: commentId,
        articleId,
        parentId,
        rootId: parentId,
        depth: isReply ? 1 : 0,
        authorName: `Reader ${1 + ((commentId * 31) % 5000)}`,
        body: `${isReply ? "Reply" : "Comment"} ${commentId} on article ${articleId}. ${"I have thoughts about this. ".repeat(1 + (commentId % 4))}`,
        status,
        replyCount: 0,
        createdAt: new Date(BASE + articleId * 3_600_000 + k * 180_000).toISOString().replace("Z", "+00:00"),
      });
    }
    for (const row of rows) batch.push({ ...row, replyCount: replies.get(row.id) ?? 0 });
    if (batch.length >= BATCH * 4) {
      await insertComments(database, batch);
      batch = [];
    }
  }
  if (batch.length > 0) await insertComments(database, batch);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const url = process.env.DATABASE_URL ?? "file:./data/bench.db";
  const started = Date.now();
  await migrate(url);
  const database = await openDatabase({ url });
  if ((await database.prisma.article.count()) > 0) {
    console.error(`${url} already has articles; load the dataset into an empty database`);
    process.exit(1);
  }
  await loadDataset(database);
  const [articles, comments, replies] = await Promise.all([
    database.prisma.article.count(),
    database.prisma.comment.count(),
    database.prisma.comment.count({ where: { parentId: { not: null } } }),
  ]);
  console.log(`loaded ${articles} articles, ${comments} comments (${((100 * replies) / comments).toFixed(1)}% replies) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await database.close();
}
