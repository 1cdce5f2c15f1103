// Preview links: a signed, expiring token (HS256 JWT, audience "newsgraph-preview", subject the
// article id) that lets whoever holds it read one unpublished article. Its `jti` is stored, so the
// newsroom can revoke it; the token itself is not.
import { createHmac, randomUUID } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import type { Config } from "../config.js";
import type { Context } from "../context.js";
import { PreviewInvalidError, PreviewsNotConfiguredError } from "../errors.js";

const AUDIENCE = "newsgraph-preview";
/** Longest life of a link: a week. */
export const MAX_PREVIEW_SECONDS = 7 * 24 * 3600;

/** The preview signing key: PREVIEW_SECRET, else one derived from the sign-in secret (never the sign-in key itself); null with neither. */
export function previewKey(config: Config): Uint8Array | null {
  if (config.previewSecret) return new TextEncoder().encode(config.previewSecret);
  const secret = config.auth.enabled ? config.auth.secret : undefined;
  return secret ? createHmac("sha256", secret).update("newsgraph preview links").digest() : null;
}

function keyOf(ctx: Context): Uint8Array {
  const key = previewKey(ctx.config);
  if (!key) throw new PreviewsNotConfiguredError();
  return key;
}

/** Mints a link for the article, valid `expiresInSeconds` from now (1 to a week); gives its row and token. */
export async function mintPreview(ctx: Context, options: { articleId: number; expiresInSeconds: number; createdById: string }) {
  const key = keyOf(ctx);
  const issued = ctx.now();
  const expiresAt = new Date(issued.getTime() + options.expiresInSeconds * 1000);
  const tokenId = randomUUID();
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(AUDIENCE)
    .setSubject(String(options.articleId))
    .setJti(tokenId)
    .setIssuedAt(Math.floor(issued.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key);
  const link = await ctx.prisma.previewLink.create({ data: { articleId: options.articleId, tokenId, expiresAt, createdById: options.createdById } });
  return { link, token };
}

/** The article id a token opens, or PreviewInvalidError (expired, revoked, forged, malformed). */
export async function verifyPreview(ctx: Context, token: string): Promise<number> {
  const key = keyOf(ctx);
  const now = ctx.now();
  let claims: { sub?: string; jti?: string };
  try {
    ({ payload: claims } = await jwtVerify(token, key, { audience: AUDIENCE, algorithms: ["HS256"], currentDate: now }));
  } catch {
    throw new PreviewInvalidError();
  }
  const articleId = Number(claims.sub);
  if (!claims.jti || !Number.isSafeInteger(articleId)) throw new PreviewInvalidError();
  const link = await ctx.prisma.previewLink.findUnique({ where: { tokenId: claims.jti } });
  if (!link || link.articleId !== articleId || link.revokedAt || link.expiresAt <= now) throw new PreviewInvalidError();
  return articleId;
}
