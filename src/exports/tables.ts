// What a Newsgraph export holds: one NDJSON file per table, in the order an import must load them.
import { getDatamodel } from "../generated/pothos-types.js";

/** The format of the export's files; an import refuses any other. */
export const FORMAT_VERSION = 1;

/** A column as the export writes it: its name, type (Int, String, DateTime, Json, or an enum's name) and whether it may be null. */
export interface Column {
  name: string;
  type: string;
  kind: "scalar" | "enum";
  nullable: boolean;
}

/** One exported table: its file, its Prisma model, its primary key and its columns in schema order. */
export interface Table {
  file: string;
  model: string;
  primaryKey: string[];
  columns: Column[];
  /** Columns that point into the same table: a row naming a row not yet loaded has them set afterwards. */
  selfReferences: string[];
  /** Whether the id comes from a sequence, which PostgreSQL must move past the imported ids. */
  sequenced: boolean;
}

/** Tables in dependency order: every table comes after those its rows point to. */
// `derived`: columns the database writes itself as a row is loaded (a copy of its article's publishedAt), left out.
const ORDER: { file: string; model: string; selfReferences?: string[]; derived?: string[] }[] = [
  { file: "authors", model: "Author" },
  { file: "topics", model: "Topic" },
  { file: "sources", model: "Source", selfReferences: ["organizationId"] },
  { file: "media", model: "Media" },
  { file: "articles", model: "Article" },
  { file: "bylines", model: "Byline", derived: ["articlePublishedAt"] },
  { file: "article-topics", model: "ArticleTopic", derived: ["articlePublishedAt"] },
  { file: "former-slugs", model: "ArticleSlug" },
  { file: "article-revisions", model: "ArticleRevision" },
  { file: "citations", model: "Citation", derived: ["articlePublishedAt"] },
  { file: "article-images", model: "ArticleImage" },
  { file: "comments", model: "Comment", selfReferences: ["parentId", "rootId"] },
  { file: "comment-edits", model: "CommentEdit" },
  { file: "mentions", model: "Mention" },
  { file: "moderation-reasons", model: "ModerationReason" },
  { file: "moderation-actions", model: "ModerationAction" },
  { file: "reactions", model: "CommentReaction" },
  { file: "reports", model: "CommentReport" },
  { file: "moderation-rules", model: "ModerationRule" },
  { file: "moderation-settings", model: "ModerationSettings" },
  { file: "commenter-standings", model: "CommenterStanding" },
  { file: "merged-records", model: "MergedRecord" },
  { file: "imported-records", model: "ImportedRecord" },
];

/** Models deliberately left out, and why (docs/export.md says the same). */
export const LEFT_OUT: Record<string, string> = {
  CommentEvent: "a delivery log for live readers, pruned by retention; the comments themselves are exported",
  ArticleEvent: "a delivery log for live readers, pruned by retention; the articles and revisions are exported",
  PreviewLink: "signed, expiring access grants to drafts; moving the archive revokes them",
};

/** Every exported table, with its columns read from the generated data model. */
export const TABLES: Table[] = (() => {
  const models = getDatamodel().datamodel.models as unknown as Record<string, DatamodelModel>;
  return ORDER.map(({ file, model, selfReferences = [], derived = [] }) => {
    const fields = models[model]!.fields.filter((field) => (field.kind === "scalar" || field.kind === "enum") && !derived.includes(field.name));
    const ids = fields.filter((field) => field.isId).map((field) => field.name);
    const primaryKey = models[model]!.primaryKey?.fields ?? ids;
    const sequenced = primaryKey.length === 1 && model !== "ModerationSettings" && fields.some((f) => f.isId && f.type === "Int" && f.hasDefaultValue);
    const columns = fields.map((field) => ({ name: field.name, type: field.type, kind: field.kind as Column["kind"], nullable: !field.isRequired }));
    return { file: `${file}.ndjson`, model, primaryKey, columns, selfReferences, sequenced };
  });
})();

/** Every model of the schema, exported or not: an import needs all of them empty. */
export const ALL_MODELS: string[] = Object.keys(getDatamodel().datamodel.models);

interface DatamodelModel {
  fields: { name: string; type: string; kind: string; isRequired: boolean; isId: boolean; hasDefaultValue: boolean }[];
  primaryKey: { fields: string[] } | null;
}
