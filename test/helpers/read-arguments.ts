// Generators of the find arguments the schema hands the compiled reads: selections as its fields
// ask for them (columns, to-one and list relations two or three levels deep, visible-comment
// counts), the visibility rule of each kind of viewer, the article list's filters, the orders of
// src/pagination/orders.ts either way round, keyset `where`s built from real rows, and page sizes.
import fc from "fast-check";
import type { Asker as CommentAsker } from "../../src/visibility/comments.js";

/** Who asks, on the clock the article rule reads. */
type Asker = CommentAsker & { now: () => Date };

const now = () => new Date();
import { visibleComments } from "../../src/visibility/comments.js";
import { visibleArticles } from "../../src/visibility/articles.js";
import { keysetWhere } from "../../src/pagination/keyset.js";
import { articleOrders, byArticleNewest, commentOrders, orderBy, positionOf, type Order } from "../../src/pagination/orders.js";

type Args = Record<string, unknown>;
type Row = Record<string, unknown>;

/** One read: the model and the find arguments, as Prisma's `findMany` takes them. */
export interface Read {
  model: string;
  args: Args;
}

/** Rows of the database the keyset cursors are taken from, and the values filters name. */
export interface Facts {
  articles: Row[];
  comments: Row[];
  bylines: Row[];
  links: Row[];
  topicSlugs: string[];
  authorSlugs: string[];
  sourceIds: number[];
  words: string[];
  /** A signed-in author of pending comments, and an edit key's hash of one. */
  userId: string;
  editKeyHash: string;
}

/** Some of `names` as a select; the first always, since Prisma refuses an empty select and the schema selects the id. */
const subset = (names: string[]) => fc.subarray(names.slice(1)).map((picked) => Object.fromEntries([names[0]!, ...picked].map((name) => [name, true])));

const ARTICLE_COLUMNS = ["id", "slug", "title", "subtitle", "dateline", "body", "excerpt", "status", "publishedAt", "createdAt", "updatedAt", "commentsOpen", "moderation"];
const COMMENT_COLUMNS = ["id", "articleId", "parentId", "rootId", "depth", "authorName", "userId", "body", "status", "replyCount", "hiddenAncestors", "pendingBody", "pendingEditAt", "editKeyHash", "createdAt", "editedAt", "reactionCounts", "reactionTotal", "bestScore"];
const AUTHOR_COLUMNS = ["id", "slug", "name", "bio", "avatarUrl", "createdAt"];
const SOURCE_COLUMNS = ["id", "kind", "name", "url", "description", "role", "organizationId"];
const MEDIA_COLUMNS = ["id", "url", "altText", "caption", "width", "height", "creditId", "createdAt"];

/** Who asks: the public, a moderator, a signed-in author, a guest with edit keys, or both. */
export function askers(facts: Facts): fc.Arbitrary<Asker> {
  const reader = { id: facts.userId, name: "Reader", roles: [] };
  return fc.constantFrom<Asker>(
    { viewer: null, editKeyHashes: [], now },
    { viewer: { id: "moderator", name: "Moderator", roles: ["MODERATOR"] }, editKeyHashes: [], now },
    { viewer: reader, editKeyHashes: [], now },
    { viewer: null, editKeyHashes: [facts.editKeyHash], now },
    { viewer: reader, editKeyHashes: [facts.editKeyHash, "0".repeat(64)], now },
    { viewer: { id: "editor", name: "Editor", roles: ["EDITOR"] }, editKeyHashes: [], now },
  );
}

/** Rows strictly after or before a real row's position in `order`, or no cursor at all. */
function keyset(order: Order, rows: Row[]): fc.Arbitrary<Args | null> {
  if (rows.length === 0) return fc.constant(null);
  return fc.option(fc.tuple(fc.constantFrom(...rows), fc.constantFrom("after", "before") as fc.Arbitrary<"after" | "before">).map(([row, side]) => keysetWhere(order, positionOf(order, row), side)), { freq: 2 });
}

/** A page: an order of `orders` either way round, a cursor from `rows`, a size, sometimes a skip. */
function page(orders: Order[], rows: Row[], where: Args): fc.Arbitrary<Args> {
  return fc.constantFrom(...orders).chain((order) =>
    fc.record({ reversed: fc.boolean(), cursor: keyset(order, rows), take: fc.option(fc.integer({ min: 0, max: 12 }), { freq: 5 }), skip: fc.constantFrom(0, 0, 0, 1, 2) }).map(({ reversed, cursor, take, skip }) => ({
      where: cursor ? { AND: [where, cursor] } : where,
      orderBy: orderBy(order, reversed),
      ...(take === null ? {} : { take }),
      ...(skip > 0 && take !== null ? { skip } : {}),
    })),
  );
}

const author = fc.record({ select: subset(AUTHOR_COLUMNS) }, { requiredKeys: [] });
const source = (depth: number): fc.Arbitrary<Args> =>
  fc.record({ select: depth > 0 ? fc.tuple(subset(SOURCE_COLUMNS), fc.option(source(depth - 1), { freq: 2 })).map(([columns, organization]) => (organization ? { ...columns, organization } : columns)) : subset(SOURCE_COLUMNS) });

/** A comment's selection: columns, and its replies (a visible page) down to `depth` more levels. */
function comment(facts: Facts, asker: Asker, depth: number): fc.Arbitrary<Args> {
  const replies = depth > 0 ? fc.option(commentPage(facts, asker, { parentId: { not: null } }, depth - 1), { freq: 2 }) : fc.constant(null);
  return fc.record({ columns: subset(COMMENT_COLUMNS), replies, parent: fc.option(fc.record({ select: subset(COMMENT_COLUMNS) }), { freq: 4 }), count: fc.boolean() }).map(({ columns, replies, parent, count }) => ({
    ...columns,
    ...(replies ? { replies } : {}),
    ...(parent ? { parent } : {}),
    ...(count ? { _count: { select: { replies: { where: visibleComments(asker) } } } } : {}),
  }));
}

/** A page of comments as a connection reads it: visible, ordered, maybe after a cursor. */
export function commentPage(facts: Facts, asker: Asker, scope: Args, depth: number): fc.Arbitrary<Args> {
  const rows = facts.comments;
  return fc.tuple(page(Object.values(commentOrders), rows, { ...scope, ...visibleComments(asker) }), comment(facts, asker, depth)).map(([find, select]) => ({ ...find, select }));
}

/** The article list's filter: visibility and each of topic, author, source, status and search. */
function articleWhere(facts: Facts, asker: Asker, dialect: string): fc.Arbitrary<Args> {
  const mode = dialect === "postgresql" ? { mode: "insensitive" } : {};
  return fc
    .record({
      topic: fc.option(fc.constantFrom(...facts.topicSlugs, "no-such-topic")),
      author: fc.option(fc.constantFrom(...facts.authorSlugs)),
      source: fc.option(fc.constantFrom(...facts.sourceIds)),
      status: fc.option(fc.constantFrom("PUBLISHED", "DRAFT", "ARCHIVED")),
      search: fc.option(fc.constantFrom(...facts.words)),
    })
    .map(({ topic, author, source, status, search }) => {
      const and: Args[] = [visibleArticles(asker)];
      if (topic) and.push({ topics: { some: { topic: { slug: topic } } } });
      if (author) and.push({ bylines: { some: { author: { slug: author } } } });
      if (source !== null) and.push({ citations: { some: { sourceId: source } } });
      if (status) and.push({ status });
      if (search) and.push({ OR: ["title", "subtitle", "excerpt"].map((column) => ({ [column]: { contains: search, ...mode } })) });
      return { AND: and };
    });
}

/** An article's selection: columns, byline, topics, citations, images, a comment page, a count. */
function article(facts: Facts, asker: Asker): fc.Arbitrary<Args> {
  return fc
    .record({
      columns: subset(ARTICLE_COLUMNS),
      bylines: fc.option(author.map((select) => ({ orderBy: { position: "asc" }, select: { position: true, role: true, author: select.select ? select : true } }))),
      topics: fc.option(fc.constant({ orderBy: { topic: { name: "asc" } }, select: { topic: { select: { id: true, slug: true, name: true } } } })),
      citations: fc.option(source(2).map((source) => ({ orderBy: [{ position: "asc" }, { id: "asc" }], include: { source } }))),
      images: fc.option(fc.oneof(fc.constant({ include: { media: { include: { credit: true } } } }), subset(MEDIA_COLUMNS).map((select) => ({ include: { media: { select: { ...select, credit: { select: { name: true } } } } } }))).map((find) => ({ orderBy: { position: "asc" }, ...find }))),
      comments: fc.option(commentPage(facts, asker, { parentId: null }, 2)),
      count: fc.boolean(),
    })
    .map(({ columns, count, ...relations }) => ({
      ...columns,
      ...Object.fromEntries(Object.entries(relations).filter(([, value]) => value !== null)),
      ...(count ? { _count: { select: { comments: { where: visibleComments(asker) } } } } : {}),
    }));
}

/** One read of the shapes the schema produces, on any of the models its hot pages read. */
export function reads(facts: Facts, dialect: string): fc.Arbitrary<Read> {
  return askers(facts).chain((asker) =>
    fc.oneof(
      fc.tuple(articleWhere(facts, asker, dialect), article(facts, asker)).chain(([where, select]) =>
        page(Object.values(articleOrders), facts.articles, where).map((find) => ({ model: "Article", args: { ...find, select } })),
      ),
      fc.constantFrom(...facts.articles.map((row) => row.id as number)).chain((articleId) =>
        commentPage(facts, asker, { articleId, parentId: null }, 2).map((args) => ({ model: "Comment", args })),
      ),
      fc.constantFrom(...facts.authorSlugs).chain((slug) =>
        page([byArticleNewest("Byline", "articleId")], facts.bylines, { author: { slug }, article: visibleArticles(asker) }).chain((find) =>
          article(facts, asker).map((select) => ({ model: "Byline", args: { ...find, select: { article: { select } } } })),
        ),
      ),
      fc.constantFrom(...facts.topicSlugs).chain((slug) =>
        page([byArticleNewest("ArticleTopic", "articleId")], facts.links, { topic: { slug }, article: visibleArticles(asker) }).map((find) => ({ model: "ArticleTopic", args: { ...find, include: { article: { select: { id: true, title: true, publishedAt: true } } } } })),
      ),
    ),
  );
}
