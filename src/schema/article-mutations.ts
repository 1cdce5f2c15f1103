// The newsroom's article mutations: drafts, edits, the publishing workflow and corrections.
// Who may do what is in src/articles/permissions.ts and src/articles/publishing.ts.
import { builder } from "../builder.js";
import { MAX_SLUG } from "../slugs.js";
import type { Context } from "../context.js";
import { archiveArticle, correctArticle, publishArticle, setEmbargo, submitArticle, unpublishArticle } from "../articles/publishing.js";
import { createArticle, deleteArticle, updateArticle } from "../articles/write.js";
import { checkChanges, HTML_TEXT, type ArticleChangesInput } from "../articles/changes.js";
import { ConflictError, ForbiddenError, InvalidIdError, InvalidTransitionError, NotFoundError, UnauthenticatedError, ValidationError } from "../errors.js";
import { encodeId, parseId } from "../ids.js";
import { Article, ModerationMode } from "./article.js";
import { findArticle } from "./article-loading.js";

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

const BlockType = builder.enumType("BodyBlockType", { values: ["PARAGRAPH", "HEADING", "QUOTE", "IMAGE", "HTML"] as const });

const BodyBlockInput = builder.inputType("BodyBlockInput", {
  description:
    "One body block: PARAGRAPH and HEADING take `text` (a heading its `level`, 2 to 6), QUOTE `text` and the `citationId` it quotes, IMAGE the `imageId` of one of the article's images, HTML the `htmlKey` (or the `html`) of an HtmlBlock the article holds: imported markup is kept, moved or removed, not written.",
  fields: (t) => ({
    type: t.field({ type: BlockType, required: true }),
    text: t.string({ text: { kind: "multiline", maxLength: 20_000 } }),
    level: t.int(),
    citationId: t.id({ description: "A Citation of this article." }),
    imageId: t.id({ description: "An Image placed in this article." }),
    htmlKey: t.string({ description: "The `key` of one of this article's HtmlBlocks: keeps it, whatever its size or characters.", text: { maxLength: 64 } }),
    html: t.string({ description: "The `html` of one of this article's HtmlBlocks, as read; `htmlKey` does the same for any block.", text: HTML_TEXT }),
  }),
});

const BylineInput = builder.inputType("BylineInput", {
  fields: (t) => ({
    authorId: t.id({ required: true }),
    role: t.string({ description: "\"Reporting from Geneva\", \"Additional reporting\".", text: { maxLength: 120 } }),
  }),
});

/** The editable fields, shared by create, update and correct: absent stays, null clears an optional field. */
const changeFields = (t: PothosSchemaTypes.InputFieldBuilder<Types, "InputObject">) => ({
  title: t.string({ text: { maxLength: 300 } }),
  subtitle: t.string({ text: { maxLength: 500 } }),
  dateline: t.string({ description: "Where the story was filed from.", text: { maxLength: 120 } }),
  excerpt: t.string({ text: { kind: "multiline", maxLength: 2000 } }),
  slug: t.string({ description: "Made from the title when not given; a former slug keeps resolving after a rename.", text: { maxLength: MAX_SLUG } }),
  body: t.field({ type: [BodyBlockInput], description: "The whole body, in order: it replaces the body held.", maxItems: 2000 }),
  byline: t.field({ type: [BylineInput], description: "The byline in order; it replaces the byline held." }),
  topicIds: t.idList({ description: "Topics; they replace the topics held." }),
  commentsOpen: t.boolean(),
  moderation: t.field({ type: ModerationMode }),
});

const CreateArticleInput = builder.inputType("CreateArticleInput", { fields: (t) => ({ ...changeFields(t), title: t.string({ required: true, text: { required: true, maxLength: 300 } }) }) });
const UpdateArticleInput = builder.inputType("UpdateArticleInput", {
  fields: (t) => ({ id: t.id({ required: true }), version: t.int({ required: true, description: "The version edited: a stale one is a ConflictError." }), ...changeFields(t) }),
});
const CorrectArticleInput = builder.inputType("CorrectArticleInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true }),
    note: t.string({ required: true, description: "Shown to readers: \"An earlier version misattributed a quote to ...\".", text: { kind: "multiline", required: true, maxLength: 2000 } }),
    ...changeFields(t),
  }),
});
const ArticleStepInput = builder.inputType("ArticleStepInput", {
  fields: (t) => ({ id: t.id({ required: true }), version: t.int({ required: true, description: "The version acted on: a stale one is a ConflictError." }) }),
});
const PublishArticleInput = builder.inputType("PublishArticleInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true }),
    publishAt: t.field({ type: "DateTime", description: "When it becomes public; now when absent. A time to come (or an embargo) schedules it." }),
  }),
});
const SetEmbargoInput = builder.inputType("SetEmbargoInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true }),
    embargoUntil: t.field({ type: "DateTime", description: "Not public before this; null lifts the embargo (a scheduled time stays)." }),
  }),
});

export const ArticlePayload = builder.objectRef<{ id: number }>("ArticlePayload").implement({
  fields: (t) => ({
    article: t.prismaField({
      type: Article,
      description: "The article as written, read with your own visibility.",
      resolve: (query, payload, _args, ctx) => findArticle(ctx, query, { id: payload.id }).then((article) => article!),
    }),
  }),
});

const DeleteArticlePayload = builder.objectRef<{ id: number }>("DeleteArticlePayload").implement({
  fields: (t) => ({ deletedArticleId: t.id({ resolve: (payload) => encodeId("Article", payload.id) }) }),
});

// Sign-in and role failures are GraphQL errors (UNAUTHENTICATED, FORBIDDEN) raised before the resolver,
// as for the moderation mutations; an author's refusal on someone else's draft is a typed FORBIDDEN.
const errors = [ValidationError, ConflictError, NotFoundError, InvalidIdError, InvalidTransitionError, ForbiddenError, UnauthenticatedError];
const articleId = (id: string | number) => parseId(String(id), "Article");
type Changes = ArticleChangesInput & Record<string, unknown>;

/** The article checks of an input the text rules refused, so one error lists every bad field (read-only). */
const checkArticleInput = async (args: Record<string, unknown>, ctx: Context) => {
  const input = args.input as Changes & { id?: string };
  const id = input.id == null ? null : articleId(input.id);
  return (await checkChanges(ctx.prisma, input, id)).problems;
};

/** A mutation that runs `write` with the input's article id decoded and answers with the article. */
const articleStep = <I extends { id: string | number }>(write: (ctx: Context, input: Omit<I, "id"> & { id: number }) => Promise<unknown>) =>
  async (_root: unknown, { input }: { input: I }, ctx: Context) => {
    const id = articleId(input.id);
    await write(ctx, { ...input, id });
    return { id };
  };

builder.mutationFields((t) => ({
  createArticle: t.field({
    checkInput: checkArticleInput,
    authScopes: { writer: true },
    type: ArticlePayload,
    description: "Creates a draft. Authors and editors; the creator may go on editing it as its author.",
    errors: { types: errors },
    args: { input: t.arg({ type: CreateArticleInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({ id: await createArticle(ctx, input as Changes) }),
  }),
  updateArticle: t.field({
    checkInput: checkArticleInput,
    authScopes: { writer: true },
    type: ArticlePayload,
    description: "Edits an article at the version you read. Authors: their own drafts; editors: any article (a public one announces the change live).",
    errors: { types: errors },
    args: { input: t.arg({ type: UpdateArticleInput, required: true }) },
    resolve: articleStep((ctx, input) => updateArticle(ctx, input as Changes & { id: number; version: number })),
  }),
  submitArticle: t.field({
    authScopes: { writer: true },
    type: ArticlePayload,
    description: "Sends a draft to the editors for review (IN_REVIEW).",
    errors: { types: errors },
    args: { input: t.arg({ type: ArticleStepInput, required: true }) },
    resolve: articleStep(submitArticle),
  }),
  publishArticle: t.field({
    authScopes: { editor: true },
    type: ArticlePayload,
    description: "Publishes now, or schedules for `publishAt`; never before the embargo. Editors only.",
    errors: { types: errors },
    args: { input: t.arg({ type: PublishArticleInput, required: true }) },
    resolve: articleStep(publishArticle),
  }),
  unpublishArticle: t.field({
    authScopes: { editor: true },
    type: ArticlePayload,
    description: "Takes a published or scheduled article back to draft. Editors only.",
    errors: { types: errors },
    args: { input: t.arg({ type: ArticleStepInput, required: true }) },
    resolve: articleStep(unpublishArticle),
  }),
  archiveArticle: t.field({
    authScopes: { editor: true },
    type: ArticlePayload,
    description: "Withdraws an article from the public and keeps it. Editors only.",
    errors: { types: errors },
    args: { input: t.arg({ type: ArticleStepInput, required: true }) },
    resolve: articleStep(archiveArticle),
  }),
  setArticleEmbargo: t.field({
    authScopes: { editor: true },
    type: ArticlePayload,
    description: "Sets or lifts an embargo; a published article is held until it. Editors only.",
    errors: { types: errors },
    args: { input: t.arg({ type: SetEmbargoInput, required: true }) },
    resolve: articleStep((ctx, input) => setEmbargo(ctx, { ...input, embargoUntil: input.embargoUntil ?? null })),
  }),
  correctArticle: t.field({
    checkInput: checkArticleInput,
    authScopes: { editor: true },
    type: ArticlePayload,
    description: "Corrects a public article with a public note, listed in `corrections`. Editors only.",
    errors: { types: errors },
    args: { input: t.arg({ type: CorrectArticleInput, required: true }) },
    resolve: articleStep((ctx, input) => correctArticle(ctx, input as Changes & { id: number; version: number; note: string })),
  }),
  deleteArticle: t.field({
    authScopes: { writer: true },
    type: DeleteArticlePayload,
    description: "Deletes a draft: its author or an editor. A published article is archived instead.",
    errors: { types: errors },
    args: { input: t.arg({ type: ArticleStepInput, required: true }) },
    resolve: articleStep(deleteArticle),
  }),
}));
