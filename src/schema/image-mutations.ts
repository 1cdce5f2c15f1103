// Placing images in an article: authors on their own drafts, editors on any article. Each names
// the article version it edits. No uploads: an image is a URL with alt text and a credit.
import { builder } from "../builder.js";
import { ConflictError, InvalidIdError, NotFoundError, ValidationError } from "../errors.js";
import { parseId } from "../ids.js";
import { addImage, removeImage, updateImage } from "../newsroom/images.js";
import { optionalId, PROSE_TEXT } from "../newsroom/inputs.js";
import { Article } from "./article.js";
import { ArticleEditPayload } from "./citation-mutations.js";
import { Image } from "./media.js";

const VERSION = "The article version this edit was made on: a stale one is refused with ConflictError.";
const describe = {
  url: "An absolute http(s) URL of the image.",
  altText: "What the image shows, for readers who cannot see it. Required.",
  creditId: "The source the image is credited to.",
  size: "In pixels, 1 to 100,000.",
  blockIndex: "The body block (from 0) the image belongs to.",
  position: "Its place among the article's images (from 0); at the end when left out.",
};
const ALT_TEXT = { kind: "multiline", required: true, maxLength: 1000 } as const;

const AddImageInput = builder.inputType("AddImageInput", {
  fields: (t) => ({
    articleId: t.id({ required: true }),
    version: t.int({ required: true, description: VERSION }),
    url: t.string({ required: true, description: describe.url, text: { maxLength: 2048 } }),
    altText: t.string({ required: true, description: describe.altText, text: ALT_TEXT }),
    caption: t.string({ text: PROSE_TEXT }),
    creditId: t.id({ description: describe.creditId }),
    width: t.int({ description: describe.size }),
    height: t.int({ description: describe.size }),
    blockIndex: t.int({ description: describe.blockIndex }),
    position: t.int({ description: describe.position }),
  }),
});

const UpdateImageInput = builder.inputType("UpdateImageInput", {
  description: "The fields to change; a field left out stays as it is, null clears it.",
  fields: (t) => ({
    articleId: t.id({ required: true }),
    imageId: t.id({ required: true }),
    version: t.int({ required: true, description: VERSION }),
    url: t.string({ description: describe.url, text: { maxLength: 2048 } }),
    altText: t.string({ description: describe.altText, text: ALT_TEXT }),
    caption: t.string({ text: PROSE_TEXT }),
    creditId: t.id({ description: describe.creditId }),
    width: t.int({ description: describe.size }),
    height: t.int({ description: describe.size }),
    blockIndex: t.int({ description: describe.blockIndex }),
    position: t.int({ description: describe.position }),
  }),
});

const RemoveImageInput = builder.inputType("RemoveImageInput", {
  fields: (t) => ({ articleId: t.id({ required: true }), imageId: t.id({ required: true }), version: t.int({ required: true, description: VERSION }) }),
});

const ImagePayload = builder.objectRef<{ imageId?: number; articleId: number; version: number }>("ImagePayload").implement({
  fields: (t) => ({
    image: t.prismaField({ type: Image, resolve: (query, edit, _args, ctx) => ctx.prisma.media.findUniqueOrThrow({ ...query, where: { id: edit.imageId! } }) }),
    article: t.prismaField({ type: Article, resolve: (query, edit, _args, ctx) => ctx.prisma.article.findUniqueOrThrow({ ...query, where: { id: edit.articleId } }) }),
    version: t.exposeInt("version", { description: "The article's version after this edit: name it in the next." }),
  }),
});

const errors = { types: [ValidationError, NotFoundError, InvalidIdError, ConflictError] };

builder.mutationFields((t) => ({
  addImage: t.field({
    type: ImagePayload,
    description: "Places an image in an article. Authors on their own drafts, editors on any article.",
    authScopes: { signedIn: true },
    errors,
    args: { input: t.arg({ type: AddImageInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      addImage(ctx, { ...input, articleId: parseId(String(input.articleId), "Article"), creditId: optionalId(input.creditId, "Source") }),
  }),
  updateImage: t.field({
    type: ImagePayload,
    description: "Changes an image placed in an article. Authors on their own drafts, editors on any article.",
    authScopes: { signedIn: true },
    errors,
    args: { input: t.arg({ type: UpdateImageInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      updateImage(ctx, { ...input, articleId: parseId(String(input.articleId), "Article"), imageId: parseId(String(input.imageId), "Image"), creditId: optionalId(input.creditId, "Source") }),
  }),
  removeImage: t.field({
    type: ArticleEditPayload,
    description: "Takes an image out of an article when no image block shows it.",
    authScopes: { signedIn: true },
    errors,
    args: { input: t.arg({ type: RemoveImageInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      removeImage(ctx, { articleId: parseId(String(input.articleId), "Article"), imageId: parseId(String(input.imageId), "Image"), version: input.version }),
  }),
}));
