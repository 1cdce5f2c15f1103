// A commenter's data rights: the export of everything tied to them, and its erasure. An admin asks
// for anyone, by sign-in subject or guest email; a signed-in reader for their own subject only.
// Anyone else is refused as every scoped field refuses: an UNAUTHENTICATED or FORBIDDEN error.
import { builder } from "../builder.js";
import { dataSubjectOf, isSelf } from "../data-rights/commenter.js";
import { eraseCommenterData, type ErasureCounts } from "../data-rights/erase.js";
import { exportCommenterData, type CommenterDataExport } from "../data-rights/export.js";
import { MAX_EMAIL } from "../comments/input.js";
import { ValidationError } from "../errors.js";

const DataSubjectInput = builder.inputType("DataSubjectInput", {
  description: "Whose data: exactly one of a signed-in commenter's subject or a guest's email address (admins only).",
  fields: (t) => ({
    subject: t.string({ description: "The sign-in subject (the token's `sub`).", text: { kind: "line", maxLength: 255 } }),
    email: t.string({ text: { kind: "line", maxLength: MAX_EMAIL }, description: "The email address a guest commented with. Admins only: a guest cannot prove an address is theirs." }),
  }),
});

const ErasedBodies = builder.enumType("ErasedBodies", {
  values: {
    KEEP: { description: "Bodies stay, shown under \"Deleted user\"." },
    TOMBSTONE: { description: "Bodies are removed; a published or pending comment becomes a tombstone that keeps its replies' place." },
  } as const,
});

const CommenterDataExportType = builder.objectRef<CommenterDataExport>("CommenterDataExport").implement({
  description: "Everything stored about one commenter, as a JSON document, with its counts. Never cached.",
  fields: (t) => ({
    exportedAt: t.field({ type: "DateTime", resolve: (data) => data.exportedAt }),
    comments: t.exposeInt("comments"),
    edits: t.exposeInt("edits", { description: "Earlier versions of their comments' bodies." }),
    reactions: t.exposeInt("reactions", { description: "Reactions they made while signed in (a guest's are keyed by a browser key, never by email)." }),
    reports: t.exposeInt("reports", { description: "Reports they made while signed in." }),
    json: t.exposeString("json", {
      description:
        "The document (format newsgraph.commenter-data/1): comments with article, parent, body, status, dates, edits and decisions; reactions and reports by comment id; standings that name them.",
    }),
  }),
});

const EraseCommenterDataInput = builder.inputType("EraseCommenterDataInput", {
  fields: (t) => ({
    commenter: t.field({ type: DataSubjectInput, required: true }),
    bodies: t.field({ type: ErasedBodies, description: "What happens to their comments' bodies; the server's ERASURE_BODIES when left out." }),
  }),
});

const EraseCommenterDataPayload = builder.objectRef<ErasureCounts>("EraseCommenterDataPayload").implement({
  description: "What the erasure changed; all zeros when nothing was stored about them (or it was erased before).",
  fields: (t) => ({
    bodies: t.expose("bodies", { type: ErasedBodies }),
    comments: t.exposeInt("comments", { description: "Comments whose name, email and edit history were erased." }),
    tombstones: t.exposeInt("tombstones", { description: "Of those, comments that became tombstones." }),
    edits: t.exposeInt("edits", { description: "Earlier versions of bodies removed." }),
    reactions: t.exposeInt("reactions", { description: "Reactions kept in the counts but no longer linked to them." }),
    reports: t.exposeInt("reports", { description: "Reports kept for moderators but no longer linked to them, their text removed." }),
  }),
});

/** Admins for anyone; a signed-in reader for their own subject. */
const adminOrSelf = (commenter: { subject?: string | null; email?: string | null }, viewer: Parameters<typeof isSelf>[0]) =>
  isSelf(viewer, commenter) ? true : { admin: true };

builder.queryFields((t) => ({
  commenterData: t.field({
    type: CommenterDataExportType,
    description: "Exports everything stored about a commenter as JSON, and logs the export. Admins for anyone; a signed-in reader for their own subject.",
    authScopes: (_root, args, ctx) => adminOrSelf(args.commenter, ctx.viewer),
    args: { commenter: t.arg({ type: DataSubjectInput, required: true }) },
    resolve: (_root, args, ctx) => exportCommenterData(ctx, dataSubjectOf(args.commenter, "commenter")),
  }),
}));

builder.mutationFields((t) => ({
  eraseCommenterData: t.field({
    type: EraseCommenterDataPayload,
    description: "Erases a commenter's personal data from every comment they wrote, and logs it. Admins for anyone; a signed-in reader for their own subject.",
    authScopes: (_root, args, ctx) => adminOrSelf(args.input.commenter, ctx.viewer),
    errors: { types: [ValidationError] },
    args: { input: t.arg({ type: EraseCommenterDataInput, required: true }) },
    resolve: (_root, { input }, ctx) => eraseCommenterData(ctx, { who: dataSubjectOf(input.commenter, "input.commenter"), bodies: input.bodies }),
  }),
}));
