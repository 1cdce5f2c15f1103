// The lists of articles hanging off other types: an author's byline and a topic's articles,
// newest first, with the article rule applied to each (kept apart so Author and Topic need not import Article).
import { visibleArticleLinks } from "../visibility/articles.js";
import { builder } from "../builder.js";
import type { Context } from "../context.js";
import { readTotalCount, relatedPage, type PageArgs } from "../pagination/connection.js";
import { byArticleNewest } from "../pagination/orders.js";
import { Article } from "./article.js";
import { Author } from "./author.js";
import { Topic } from "./topic.js";

const bylines = { relation: "bylines", order: byArticleNewest("Byline", "articleId"), join: "article", typeName: "Article" };
const links = { relation: "articles", order: byArticleNewest("ArticleTopic", "articleId"), join: "article", typeName: "Article" };

builder.prismaObjectField(Author, "articles", (t) =>
  t.connection(
    {
      type: Article,
      description: "Articles in this author's byline, newest first.",
      ...relatedPage<typeof Article.$inferType, PageArgs, Context>((_args, ctx) => ({ ...bylines, where: visibleArticleLinks(ctx).where })),
    },
    {
      fields: (c) => ({
        totalCount: c.int({ resolve: readTotalCount }),
      }),
    },
  ),
);

builder.prismaObjectField(Topic, "articles", (t) =>
  t.connection(
    {
      type: Article,
      description: "Articles on this topic, newest first.",
      ...relatedPage<typeof Article.$inferType, PageArgs, Context>((_args, ctx) => ({ ...links, where: visibleArticleLinks(ctx).where })),
    },
    {
      fields: (c) => ({
        totalCount: c.int({ resolve: readTotalCount }),
      }),
    },
  ),
);
