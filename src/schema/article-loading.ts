// Loading an article page: through the compiled reads (src/reads/), or, for what they decline or
// with COMPILED_READS=false, through Prisma in few statements. There, on PostgreSQL, the article,
// its byline and its sources load in one joined statement and its comments apart: Prisma's join
// strategy would build every comment of a 2,000-comment article (with its replies) before paging.
import type { Context } from "../context.js";
import type { Prisma } from "../generated/prisma/client.js";

type ArticleQuery = { include?: Prisma.ArticleInclude; select?: Prisma.ArticleSelect };

export function findArticle(ctx: Context, query: ArticleQuery, where: Prisma.ArticleWhereInput) {
  return ctx.reads.findFirst("Article", { ...query, where }, () => findWithPrisma(ctx, query, where));
}

async function findWithPrisma(ctx: Context, query: ArticleQuery, where: Prisma.ArticleWhereInput) {
  const mode = query.select ? "select" : "include";
  const comments = query[mode]?.comments;
  if (ctx.config.database !== "postgresql" || !comments || typeof comments !== "object") {
    return ctx.prisma.article.findFirst({ ...query, where });
  }
  const { comments: _comments, ...rest } = query[mode]!;
  const relations = mode === "select" ? { ...rest, id: true } : rest;
  const article = await ctx.prisma.article.findFirst({ [mode]: relations, where, relationLoadStrategy: "join" } as Prisma.ArticleFindFirstArgs);
  if (!article) return null;
  const page = await ctx.prisma.comment.findMany({
    ...comments,
    where: { AND: [comments.where ?? {}, { articleId: article.id }] },
    relationLoadStrategy: "query",
  } as Prisma.CommentFindManyArgs);
  return { ...article, comments: page };
}
