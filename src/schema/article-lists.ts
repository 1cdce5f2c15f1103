// The lists of articles hanging off other types: an author's byline and a topic's articles,
// newest first, with the article rule applied to each (kept apart so Author and Topic need not import Article).
import { visibleArticleLinks } from "../visibility/articles.js";
import { builder } from "../builder.js";
import { readTotalCount, relatedConnection, relatedSelect, type SelectedFields } from "../pagination/connection.js";
import { byArticleNewest } from "../pagination/orders.js";
import { Article } from "./article.js";
import { Author } from "./author.js";
import { Topic } from "./topic.js";

const bylines = { relation: "bylines", order: byArticleNewest("Byline", "articleId"), join: "article" };
const links = { relation: "articles", order: byArticleNewest("ArticleTopic", "articleId"), join: "article" };

builder.prismaObjectField(Author, "articles", (t) =>
  t.connection(
    {
      type: Article,
      description: "Articles in this author's byline, newest first.",
      select: (args, ctx, nested, selected?: SelectedFields) =>
        relatedSelect({ ...bylines, args, where: visibleArticleLinks(ctx).where, nested, selected, typeName: "Article" }) as never,
      resolve: (author, args, ctx) =>
        relatedConnection<typeof Article.$inferType>({ ...bylines, args, where: visibleArticleLinks(ctx).where, parent: author }),
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
      select: (args, ctx, nested, selected?: SelectedFields) =>
        relatedSelect({ ...links, args, where: visibleArticleLinks(ctx).where, nested, selected, typeName: "Article" }) as never,
      resolve: (topic, args, ctx) =>
        relatedConnection<typeof Article.$inferType>({ ...links, args, where: visibleArticleLinks(ctx).where, parent: topic }),
    },
    {
      fields: (c) => ({
        totalCount: c.int({ resolve: readTotalCount }),
      }),
    },
  ),
);
