// An article's history: every revision for editors (who, when, which fields, before and after),
// a diff between any two versions, and the corrections readers see.
import { builder } from "../builder.js";
import { Article } from "./article.js";
import { TextChange, wordChanges } from "./text-changes.js";
import { ValidationError } from "../errors.js";

const RevisionKind = builder.enumType("RevisionKind", {
  values: ["CREATED", "EDITED", "SUBMITTED", "PUBLISHED", "SCHEDULED", "UNPUBLISHED", "ARCHIVED", "CORRECTED"] as const,
});

type Change = { field: string; before: unknown; after: unknown };

const FieldChange = builder.objectRef<Change>("FieldChange").implement({
  description: "One field's value before and after, as JSON text (null when absent).",
  fields: (t) => ({
    field: t.exposeString("field"),
    before: t.string({ nullable: true, resolve: (change) => json(change.before) }),
    after: t.string({ nullable: true, resolve: (change) => json(change.after) }),
    textChanges: t.field({
      type: [TextChange],
      description: "Word by word, for a text field or the body's text; empty for other fields.",
      resolve: (change) => (isText(change) ? wordChanges(textOf(change.before), textOf(change.after)) : []),
    }),
  }),
});

type Values = Record<string, unknown>;

export const ArticleRevision = builder.prismaObject("ArticleRevision", {
  description: "One write to an article, kept.",
  fields: (t) => ({
    version: t.exposeInt("version", { description: "The article's version this write made." }),
    kind: t.expose("kind", { type: RevisionKind }),
    actorName: t.exposeString("actorName"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    note: t.exposeString("note", { nullable: true, description: "A correction's public note." }),
    fields: t.stringList({ select: { fields: true }, resolve: (revision) => revision.fields as string[] }),
    changes: t.field({
      type: [FieldChange],
      select: { fields: true, before: true, after: true },
      resolve: (revision) => (revision.fields as string[]).map((field) => ({ field, before: (revision.before as Values)[field], after: (revision.after as Values)[field] })),
    }),
  }),
});

const Correction = builder.objectRef<{ version: number; note: string | null; createdAt: Date }>("Correction").implement({
  description: "A correction of a published article, as readers see it.",
  fields: (t) => ({
    note: t.string({ resolve: (correction) => correction.note ?? "" }),
    correctedAt: t.field({ type: "DateTime", resolve: (correction) => correction.createdAt }),
    version: t.exposeInt("version"),
  }),
});

builder.prismaObjectFields(Article, (t) => ({
  version: t.exposeInt("version", { description: "Raised by every write: send it back with an edit (optimistic concurrency)." }),
  embargoUntil: t.expose("embargoUntil", { type: "DateTime", nullable: true, description: "Not public before this." }),
  corrections: t.field({
    type: [Correction],
    description: "Corrections published since the article was, oldest first.",
    select: { revisions: { where: { kind: "CORRECTED" }, orderBy: { version: "asc" }, select: { version: true, note: true, createdAt: true } } },
    resolve: (article) => article.revisions,
  }),
  revisions: t.relatedConnection(
    "revisions",
    { cursor: "id", totalCount: true, nullable: true, description: "Every write, newest first. Editors only (null, with an error, for anyone else).", authScopes: { editor: true }, query: () => ({ orderBy: { id: "desc" } }) },
  ),
  revisionDiff: t.field({
    type: [FieldChange],
    description: "What changed from version `from` to version `to`, field by field. Editors only (null, with an error, for anyone else).",
    nullable: true,
    authScopes: { editor: true },
    args: { from: t.arg.int({ required: true }), to: t.arg.int({ required: true }) },
    select: (args) => ({ revisions: { where: { version: { gt: args.from, lte: args.to } }, orderBy: { version: "asc" }, select: { fields: true, before: true, after: true } } }),
    resolve: (article, args) => {
      if (args.from >= args.to || args.from < 1) throw new ValidationError("`from` is a version before `to`, both 1 or more.", "from");
      return diff(article.revisions as { fields: unknown; before: unknown; after: unknown }[]);
    },
  }),
}));

/** Each field changed across consecutive revisions: its value before the first and after the last. */
function diff(revisions: { fields: unknown; before: unknown; after: unknown }[]): Change[] {
  const changes = new Map<string, Change>();
  for (const revision of revisions) {
    for (const field of revision.fields as string[]) {
      const known = changes.get(field);
      const after = (revision.after as Values)[field];
      changes.set(field, known ? { ...known, after } : { field, before: (revision.before as Values)[field], after });
    }
  }
  return [...changes.values()].filter((change) => JSON.stringify(change.before) !== JSON.stringify(change.after)).sort((a, b) => a.field.localeCompare(b.field));
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
const TEXT_FIELDS = new Set(["title", "subtitle", "dateline", "excerpt", "body"]);
const isText = (change: Change) => TEXT_FIELDS.has(change.field);

/** A field's text: itself, or a body's blocks' text one per line. */
function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map((block) => (block as { text?: string }).text ?? "").filter(Boolean).join("\n");
  return "";
}
