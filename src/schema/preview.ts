// Preview links: the newsroom mints and revokes them; an anonymous browser holding one reads that
// one article through `articlePreview`, and nothing else (the token never becomes a viewer).
import { MAX_PREVIEW_SECONDS, mintPreview, verifyPreview } from "../articles/previews.js";
import { assertCanEditArticle, OWNERSHIP_SELECT, ownershipOf } from "../articles/permissions.js";
import { builder } from "../builder.js";
import { ForbiddenError, NotFoundError, PreviewsNotConfiguredError, UnauthenticatedError, ValidationError, InvalidIdError } from "../errors.js";
import { encodeId, parseId } from "../ids.js";
import { Article } from "./article.js";

type Link = { tokenId: string; articleId: number; expiresAt: Date; revokedAt: Date | null };

const PreviewLink = builder.objectRef<Link>("PreviewLink").implement({
  description: "A signed link that lets anyone holding it read one unpublished article until it expires or is revoked.",
  fields: (t) => ({
    id: t.id({ description: "The link's token id (its `jti`): what revokePreviewLink takes.", resolve: (link) => link.tokenId }),
    articleId: t.id({ resolve: (link) => encodeId("Article", link.articleId) }),
    expiresAt: t.field({ type: "DateTime", resolve: (link) => link.expiresAt }),
    revokedAt: t.field({ type: "DateTime", nullable: true, resolve: (link) => link.revokedAt }),
  }),
});

const CreatedPreviewLink = builder.objectRef<{ link: Link; token: string }>("CreatedPreviewLink").implement({
  fields: (t) => ({
    link: t.field({ type: PreviewLink, resolve: (created) => created.link }),
    token: t.exposeString("token", { description: "Shown once: pass it to `articlePreview(token:)`." }),
    previewPath: t.string({ description: "Where a front end shows the preview.", resolve: (created) => `/preview?token=${encodeURIComponent(created.token)}` }),
  }),
});

const CreatePreviewLinkInput = builder.inputType("CreatePreviewLinkInput", {
  fields: (t) => ({
    articleId: t.id({ required: true }),
    expiresInSeconds: t.int({ required: true, description: `1 to ${MAX_PREVIEW_SECONDS} (a week).` }),
  }),
});

const newsroomErrors = [UnauthenticatedError, ForbiddenError, NotFoundError, InvalidIdError];

/** Loads the article and checks the viewer may edit it (EDITOR any, AUTHOR their own drafts). */
async function editableArticle(ctx: Parameters<typeof verifyPreview>[0], articleId: number) {
  const article = await ctx.prisma.article.findUnique({ where: { id: articleId }, select: OWNERSHIP_SELECT });
  if (!article) throw new NotFoundError("Article");
  assertCanEditArticle(ctx.viewer, ownershipOf(article));
  return ctx.viewer;
}

builder.mutationFields((t) => ({
  createPreviewLink: t.field({
    type: CreatedPreviewLink,
    description: "Mints a preview link for an article you may edit.",
    authScopes: { signedIn: true },
    errors: { types: [...newsroomErrors, ValidationError, PreviewsNotConfiguredError] },
    args: { input: t.arg({ type: CreatePreviewLinkInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const articleId = parseId(String(input.articleId), "Article");
      if (!Number.isInteger(input.expiresInSeconds) || input.expiresInSeconds < 1 || input.expiresInSeconds > MAX_PREVIEW_SECONDS) {
        throw ValidationError.of([{ path: ["expiresInSeconds"], message: `Must be from 1 to ${MAX_PREVIEW_SECONDS} seconds.` }]);
      }
      const viewer = await editableArticle(ctx, articleId);
      return mintPreview(ctx, { articleId, expiresInSeconds: input.expiresInSeconds, createdById: viewer.id });
    },
  }),
  revokePreviewLink: t.field({
    type: PreviewLink,
    description: "Revokes a preview link at once.",
    authScopes: { signedIn: true },
    errors: { types: newsroomErrors },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const tokenId = String(args.id);
      const link = await ctx.prisma.previewLink.findUnique({ where: { tokenId } });
      if (!link) throw new NotFoundError("PreviewLink");
      await editableArticle(ctx, link.articleId);
      return ctx.prisma.previewLink.update({ where: { tokenId }, data: { revokedAt: link.revokedAt ?? ctx.now() } });
    },
  }),
}));

builder.queryField("articlePreview", (t) =>
  t.prismaField({
    type: Article,
    nullable: true,
    description: "The article a preview token opens, in whatever state it is. Errors PREVIEW_INVALID when the token is expired, revoked or forged.",
    args: { token: t.arg.string({ required: true }) },
    // The token grants this one read: the article is loaded by the id it signs, not through the visibility rule.
    resolve: async (query, _root, args, ctx) => ctx.prisma.article.findUnique({ ...query, where: { id: await verifyPreview(ctx, args.token) } }),
  }),
);

