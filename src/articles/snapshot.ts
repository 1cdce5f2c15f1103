// An article's editable state as revisions keep it: the fields a write can change, in plain JSON.
import type { Block } from "./blocks.js";
import type { FieldValues } from "./revisions.js";

/** The Prisma selection of everything a write reads and a revision keeps, with the ownership facts. */
export const SNAPSHOT_SELECT = {
  id: true,
  slug: true,
  title: true,
  subtitle: true,
  dateline: true,
  excerpt: true,
  body: true,
  status: true,
  publishedAt: true,
  embargoUntil: true,
  commentsOpen: true,
  moderation: true,
  version: true,
  createdById: true,
  bylines: { orderBy: { position: "asc" }, select: { authorId: true, role: true, author: { select: { userId: true } } } },
  topics: { orderBy: { topicId: "asc" }, select: { topicId: true } },
} as const;

/** A row loaded with SNAPSHOT_SELECT. */
export interface ArticleRow {
  id: number;
  slug: string;
  title: string;
  subtitle: string | null;
  dateline: string | null;
  excerpt: string | null;
  body: unknown;
  status: string;
  publishedAt: Date | null;
  embargoUntil: Date | null;
  commentsOpen: boolean;
  moderation: string;
  version: number;
  createdById: string | null;
  bylines: { authorId: number; role: string | null; author: { userId: string | null } }[];
  topics: { topicId: number }[];
}

/** The values a revision compares: scalar fields, the body's blocks, the byline in order, topic ids sorted. */
export function valuesOf(row: ArticleRow): FieldValues {
  return {
    title: row.title,
    subtitle: row.subtitle,
    dateline: row.dateline,
    excerpt: row.excerpt,
    slug: row.slug,
    body: Array.isArray(row.body) ? (row.body as Block[]) : [],
    byline: row.bylines.map((byline) => ({ authorId: byline.authorId, role: byline.role })),
    topics: row.topics.map((link) => link.topicId),
    commentsOpen: row.commentsOpen,
    moderation: row.moderation,
    status: row.status,
    publishedAt: row.publishedAt,
    embargoUntil: row.embargoUntil,
  };
}
