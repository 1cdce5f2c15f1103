// Article bodies are stored as ordered JSON blocks (src/articles/blocks.ts) and served as a union of block types.
import { htmlBlockKey, type Block } from "../articles/blocks.js";
import { builder } from "../builder.js";
import { Citation } from "./source.js";
import { ArticleImage } from "./media.js";

const ParagraphBlock = builder.objectRef<Extract<Block, { type: "paragraph" }>>("ParagraphBlock").implement({
  isTypeOf: (block) => (block as Block).type === "paragraph",
  fields: (t) => ({ text: t.exposeString("text") }),
});

const HeadingBlock = builder.objectRef<Extract<Block, { type: "heading" }>>("HeadingBlock").implement({
  isTypeOf: (block) => (block as Block).type === "heading",
  fields: (t) => ({ text: t.exposeString("text"), level: t.exposeInt("level") }),
});

const QuoteBlock = builder.objectRef<Extract<Block, { type: "quote" }>>("QuoteBlock").implement({
  isTypeOf: (block) => (block as Block).type === "quote",
  fields: (t) => ({
    text: t.exposeString("text"),
    // Prisma batches the findUnique calls of one tick into a single query.
    citation: t.prismaField({
      type: Citation,
      nullable: true,
      resolve: (query, block, _args, ctx) =>
        block.citationId == null ? null : ctx.prisma.citation.findUnique({ ...query, where: { id: block.citationId } }),
    }),
  }),
});

const ImageBlock = builder.objectRef<Extract<Block, { type: "image" }>>("ImageBlock").implement({
  isTypeOf: (block) => (block as Block).type === "image",
  fields: (t) => ({
    image: t.prismaField({
      type: ArticleImage,
      nullable: true,
      resolve: (query, block, _args, ctx) => ctx.prisma.articleImage.findUnique({ ...query, where: { id: block.imageId } }),
    }),
  }),
});

const HtmlBlock = builder.objectRef<Extract<Block, { type: "html" }>>("HtmlBlock").implement({
  description: "Markup the other blocks cannot hold (a list, a table, an embed), kept as it was imported. Sanitise before rendering.",
  isTypeOf: (block) => (block as Block).type === "html",
  fields: (t) => ({
    html: t.exposeString("html"),
    key: t.string({
      description: "Names this markup in an edit of the body: send `{ type: HTML, htmlKey: key }` to keep the block where it should stand.",
      resolve: (block) => htmlBlockKey(block.html),
    }),
  }),
});

/** Each block's type, by its `type`: named here rather than found by trying each type's isTypeOf. */
const BLOCK_TYPES = { paragraph: "ParagraphBlock", heading: "HeadingBlock", quote: "QuoteBlock", image: "ImageBlock", html: "HtmlBlock" } as const satisfies Record<Block["type"], string>;

export const BodyBlock = builder.unionType("BodyBlock", {
  types: [ParagraphBlock, HeadingBlock, QuoteBlock, ImageBlock, HtmlBlock],
  resolveType: (block) => BLOCK_TYPES[(block as Block).type],
});
