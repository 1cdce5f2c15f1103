// Editing an article's citations: authors on their own drafts, editors on any article. Each names
// the article version it edits; correcting a citation (editors) lists every article that reused it.
import { builder } from "../builder.js";
import type { Context } from "../context.js";
import { ConflictError, InvalidIdError, NotFoundError, ValidationError } from "../errors.js";
import { parseId } from "../ids.js";
import { addCitation, removeCitation, reorderCitations, updateCitation } from "../newsroom/citations.js";
import { correctCitation } from "../newsroom/corrections.js";
import { optionalId, QUOTE_TEXT } from "../newsroom/inputs.js";
import { Article } from "./article.js";
import { Citation } from "./source.js";

const VERSION = "The article version this edit was made on: a stale one is refused with ConflictError.";
const describe = {
  blockIndex: "The body block (from 0) the citation belongs to.",
  position: "Its place among the article's citations (from 0); at the end when left out.",
};

const AddCitationInput = builder.inputType("AddCitationInput", {
  fields: (t) => ({
    articleId: t.id({ required: true }),
    version: t.int({ required: true, description: VERSION }),
    sourceId: t.id({ required: true }),
    quote: t.string({ text: QUOTE_TEXT, description: "The words quoted, when it is a quote." }),
    context: t.string({ description: "Where it was said: \"press conference\"." }),
    blockIndex: t.int({ description: describe.blockIndex }),
    position: t.int({ description: describe.position }),
  }),
});

const UpdateCitationInput = builder.inputType("UpdateCitationInput", {
  description: "The fields to change; a field left out stays as it is, null clears it.",
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true, description: VERSION }),
    sourceId: t.id(),
    quote: t.string({ text: QUOTE_TEXT }),
    context: t.string(),
    blockIndex: t.int({ description: describe.blockIndex }),
    position: t.int({ description: describe.position }),
  }),
});

const RemoveCitationInput = builder.inputType("RemoveCitationInput", {
  fields: (t) => ({ id: t.id({ required: true }), version: t.int({ required: true, description: VERSION }) }),
});

const ReorderCitationsInput = builder.inputType("ReorderCitationsInput", {
  fields: (t) => ({
    articleId: t.id({ required: true }),
    version: t.int({ required: true, description: VERSION }),
    ids: t.idList({ required: true, description: "Every citation of the article, once each, in the new order." }),
  }),
});

const CorrectCitationInput = builder.inputType("CorrectCitationInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true, description: VERSION }),
    quote: t.string({ text: QUOTE_TEXT, description: "The words as they were said." }),
    sourceId: t.id({ description: "Who said them." }),
    note: t.string({ required: true, text: { kind: "multiline", required: true, maxLength: 2000 }, description: "The public note of a published article's correction." }),
  }),
});

interface CitationEdit {
  id?: number;
  articleId: number;
  version: number;
  affectedArticleIds?: number[];
}

const articleOf = (query: object, edit: CitationEdit, ctx: Context) => ctx.prisma.article.findUniqueOrThrow({ ...query, where: { id: edit.articleId } });

const CitationPayload = builder.objectRef<CitationEdit>("CitationPayload").implement({
  fields: (t) => ({
    citation: t.prismaField({ type: Citation, resolve: (query, edit, _args, ctx) => ctx.prisma.citation.findUniqueOrThrow({ ...query, where: { id: edit.id! } }) }),
    article: t.prismaField({ type: Article, resolve: (query, edit, _args, ctx) => articleOf(query, edit, ctx) }),
    version: t.exposeInt("version", { description: "The article's version after this edit: name it in the next." }),
  }),
});

/** What an edit that leaves no citation or image to show answers: the article and its new version. */
export const ArticleEditPayload = builder.objectRef<CitationEdit>("ArticleEditPayload").implement({
  fields: (t) => ({
    article: t.prismaField({ type: Article, resolve: (query, edit, _args, ctx) => articleOf(query, edit, ctx) }),
    version: t.exposeInt("version", { description: "The article's version after this edit: name it in the next." }),
  }),
});

const CorrectCitationPayload = builder.objectRef<CitationEdit>("CorrectCitationPayload").implement({
  fields: (t) => ({
    citation: t.prismaField({ type: Citation, resolve: (query, edit, _args, ctx) => ctx.prisma.citation.findUniqueOrThrow({ ...query, where: { id: edit.id! } }) }),
    article: t.prismaField({ type: Article, resolve: (query, edit, _args, ctx) => articleOf(query, edit, ctx) }),
    version: t.exposeInt("version", { description: "The article's version after this edit." }),
    affectedArticles: t.prismaField({
      type: [Article],
      description: "Every article you can see that still cites the same source with the same quote as this citation did: correct them too.",
      resolve: (query, edit, _args, ctx) => ctx.prisma.article.findMany({ ...query, where: { id: { in: edit.affectedArticleIds ?? [] } }, orderBy: { id: "asc" } }),
    }),
  }),
});

const errors = { types: [ValidationError, NotFoundError, InvalidIdError, ConflictError] };

builder.mutationFields((t) => ({
  addCitation: t.field({
    type: CitationPayload,
    description: "Cites or quotes a source in an article. Authors on their own drafts, editors on any article.",
    authScopes: { signedIn: true },
    errors,
    args: { input: t.arg({ type: AddCitationInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      addCitation(ctx, { ...input, articleId: parseId(String(input.articleId), "Article"), sourceId: parseId(String(input.sourceId), "Source") }),
  }),
  updateCitation: t.field({
    type: CitationPayload,
    description: "Changes a citation. Authors on their own drafts, editors on any article; a published article's quote is corrected with correctCitation.",
    authScopes: { signedIn: true },
    errors,
    args: { input: t.arg({ type: UpdateCitationInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      updateCitation(ctx, { ...input, id: parseId(String(input.id), "Citation"), sourceId: optionalId(input.sourceId, "Source") }),
  }),
  removeCitation: t.field({
    type: ArticleEditPayload,
    description: "Removes a citation that no quote block names.",
    authScopes: { signedIn: true },
    errors,
    args: { input: t.arg({ type: RemoveCitationInput, required: true }) },
    resolve: (_root, { input }, ctx) => removeCitation(ctx, { id: parseId(String(input.id), "Citation"), version: input.version }),
  }),
  reorderCitations: t.field({
    type: ArticleEditPayload,
    description: "Puts an article's citations in a new order.",
    authScopes: { signedIn: true },
    errors,
    args: { input: t.arg({ type: ReorderCitationsInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      reorderCitations(ctx, { articleId: parseId(String(input.articleId), "Article"), version: input.version, ids: input.ids.map((id) => parseId(String(id), "Citation")) }),
  }),
  correctCitation: t.field({
    type: CorrectCitationPayload,
    description: "Corrects a citation's quote or source. On a published article it is a correction with a public note. Editors only.",
    authScopes: { editor: true },
    errors,
    args: { input: t.arg({ type: CorrectCitationInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      correctCitation(ctx, { ...input, id: parseId(String(input.id), "Citation"), sourceId: optionalId(input.sourceId, "Source") }),
  }),
}));
