// Loading an article page in few, cheap statements. On PostgreSQL the article, its byline and its
// sources load in one joined statement; its comments load apart, with their replies in one more.
// Prisma's join strategy would build every comment of a 2,000-comment article (with its replies)
// before paging them, so the comment section keeps the query strategy.
import type { Context } from "../context.js";
import type { Prisma } from "../generated/prisma/client.js";

type ArticleQuery = { include?: Prisma.ArticleInclude; select?: Prisma.ArticleSelect };

export async function findArticle(ctx: Context, query: ArticleQuery, where: Prisma.ArticleWhereInput) {
  const comments = query.include?.comments;
  if (ctx.config.database !== "postgresql" || !comments || typeof comments !== "object") {
    return ctx.prisma.article.findFirst({ ...query, where });
  }
  const { comments: _comments, ...include } = query.include!;
  const joined = { include, where, relationLoadStrategy: "join" } as Prisma.ArticleFindFirstArgs;
  const article = await ctx.prisma.article.findFirst(joined);
  if (!article) return null;
  const page = await ctx.prisma.comment.findMany({
    ...comments,
    where: { AND: [comments.where ?? {}, { articleId: article.id }] },
    relationLoadStrategy: "query",
  } as Prisma.CommentFindManyArgs);
  return { ...article, comments: page };
}
