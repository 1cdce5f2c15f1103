import { builder } from "../builder.js";
import { visibleImages } from "../visibility/articles.js";

export const Image = builder.prismaNode("Media", {
  // A global id of a row that is gone (or never was) is null, as the Node interface promises.
  nullable: true,
  name: "Image",
  id: { field: "id" },
  findUnique: (id, ctx) => ({ id: Number(id), AND: [visibleImages(ctx)] }),
  fields: (t) => ({
    url: t.exposeString("url"),
    altText: t.exposeString("altText"),
    caption: t.exposeString("caption", { nullable: true, description: "The default caption." }),
    width: t.exposeInt("width", { nullable: true }),
    height: t.exposeInt("height", { nullable: true }),
    credit: t.relation("credit", { nullable: true, description: "Who the image is credited to." }),
  }),
});

export const ArticleImage = builder.prismaObject("ArticleImage", {
  description: "An image as placed in one article, with that article's caption.",
  fields: (t) => ({
    position: t.exposeInt("position"),
    blockIndex: t.exposeInt("blockIndex", { nullable: true }),
    caption: t.string({
      nullable: true,
      select: { caption: true, media: { select: { caption: true } } },
      resolve: (placement) => placement.caption ?? placement.media.caption,
    }),
    image: t.relation("media"),
    article: t.relation("article"),
  }),
});

