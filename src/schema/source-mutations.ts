// Writing sources: authors, editors and admins create and change them (the newsroom cites new
// people every day); admins merge duplicates.
import { hasRole } from "../auth.js";
import { builder } from "../builder.js";
import type { Context } from "../context.js";
import { InvalidIdError, NotFoundError, ValidationError } from "../errors.js";
import { parseId } from "../ids.js";
import { idOrNull, NAME_TEXT, optionalId, PROSE_TEXT } from "../newsroom/inputs.js";
import { mergeRecords } from "../newsroom/merge.js";
import { createSource, sourceProblems, updateSource } from "../newsroom/sources.js";
import { Source, SourceKind } from "./source.js";

const sourceFields = {
  url: "An absolute http(s) URL.",
  organizationId: "The ORGANIZATION or PUBLICATION source a person speaks for; null to clear.",
};

const CreateSourceInput = builder.inputType("CreateSourceInput", {
  fields: (t) => ({
    kind: t.field({ type: SourceKind, required: true }),
    name: t.string({ required: true, text: NAME_TEXT }),
    url: t.string({ description: sourceFields.url, text: { maxLength: 2048 } }),
    description: t.string({ text: PROSE_TEXT }),
    role: t.string({ description: "A person's title, e.g. \"Foreign Minister\"." }),
    organizationId: t.id({ description: sourceFields.organizationId }),
  }),
});

const UpdateSourceInput = builder.inputType("UpdateSourceInput", {
  description: "The fields to change; a field left out stays as it is, null clears it.",
  fields: (t) => ({
    id: t.id({ required: true }),
    kind: t.field({ type: SourceKind }),
    name: t.string({ text: NAME_TEXT }),
    url: t.string({ description: sourceFields.url, text: { maxLength: 2048 } }),
    description: t.string({ text: PROSE_TEXT }),
    role: t.string(),
    organizationId: t.id({ description: sourceFields.organizationId }),
  }),
});

/** Which record to keep and which duplicate to fold into it. */
export const MergeInput = builder.inputType("MergeInput", {
  fields: (t) => ({
    survivorId: t.id({ required: true, description: "The record kept." }),
    duplicateId: t.id({ required: true, description: "The record folded into the survivor and deleted; its id then resolves to the survivor." }),
  }),
});

const SourcePayload = builder.objectRef<{ id: number }>("SourcePayload").implement({
  fields: (t) => ({
    source: t.prismaField({ type: Source, resolve: (query, payload, _args, ctx) => ctx.prisma.source.findUniqueOrThrow({ ...query, where: { id: payload.id } }) }),
  }),
});

/** Newsroom staff who cite: authors, editors (and admins, who hold every role). */
const citesSources = (_root: unknown, _args: unknown, ctx: Context) => hasRole(ctx.viewer, "AUTHOR", "EDITOR");
const errors = { types: [ValidationError, NotFoundError, InvalidIdError] };

/** A source's own checks, beside refused text (src/input-rules.ts). */
const checkSourceInput = (args: Record<string, unknown>, ctx: Context) => {
  const { id, organizationId, ...input } = args.input as Record<string, unknown>;
  return sourceProblems(ctx.prisma, { id: idOrNull(id, "Source"), input: { ...input, organizationId: idOrNull(organizationId, "Source") } as never });
};

builder.mutationFields((t) => ({
  createSource: t.field({
    type: SourcePayload,
    description: "Adds a source. Authors, editors and admins.",
    authScopes: citesSources,
    errors,
    checkInput: checkSourceInput,
    args: { input: t.arg({ type: CreateSourceInput, required: true }) },
    resolve: (_root, { input }, ctx) => createSource(ctx, { ...input, organizationId: optionalId(input.organizationId, "Source") }),
  }),
  updateSource: t.field({
    type: SourcePayload,
    description: "Changes a source's fields. Authors, editors and admins.",
    authScopes: citesSources,
    errors,
    checkInput: checkSourceInput,
    args: { input: t.arg({ type: UpdateSourceInput, required: true }) },
    resolve: (_root, { input: { id, ...fields } }, ctx) =>
      updateSource(ctx, parseId(String(id), "Source"), { ...fields, organizationId: optionalId(fields.organizationId, "Source") }),
  }),
  mergeSources: t.field({
    type: SourcePayload,
    description: "Folds a duplicate source into another: its citations, credits and members move to the survivor, and its id resolves to the survivor. Admins only.",
    authScopes: { admin: true },
    errors,
    args: { input: t.arg({ type: MergeInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mergeRecords(ctx, { typename: "Source", survivorId: parseId(String(input.survivorId), "Source"), duplicateId: parseId(String(input.duplicateId), "Source") }),
  }),
}));
