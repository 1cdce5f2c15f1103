// The screen a comment passes before it is written: the commenter's standing, then the rules.
// A banned word or a blocked domain rejects it, a suspect word, too many links, a link outside the
// allowed domains, a premoderated commenter or a newcomer (when premoderated) hold it for review.
// A rejected comment is stored as REJECTED, as Coral Talk does, so moderators see it and its
// reasons and can restore a false positive; the public never sees it (src/visibility/comments.ts).
import { hasRole, hashEditKey } from "../auth.js";
import type { Context } from "../context.js";
import type { Tx } from "../events/record.js";
import type { ModerationMode, ModerationReasonCode } from "../generated/prisma/client.js";
import { isAuthor } from "../visibility/comments.js";
import { standingOf, type Commenter } from "./commenters.js";
import { findHosts, findLinks, withinDomain } from "./links.js";

export interface Reason {
  code: ModerationReasonCode;
  detail: string | null;
}

/** What the screen decided: a status the rules force (or null), why, and whether PRE is skipped. */
export interface Screening {
  status: "REJECTED" | "PENDING" | null;
  reasons: Reason[];
  trusted: boolean;
}

const REJECTS: readonly ModerationReasonCode[] = ["BANNED_WORD", "BLOCKED_DOMAIN"];

/** Screens a comment's text and its author. Throws CommenterBannedError or CommenterSuspendedError. */
export async function screenComment(ctx: Context, input: { body: string; authorName?: string | null; commenter: Commenter }): Promise<Screening> {
  // Moderators are not held by their own rules.
  if (hasRole(ctx.viewer, "MODERATOR")) return { status: null, reasons: [], trusted: true };
  const standing = await standingOf(ctx.prisma, input.commenter, ctx.now());
  const rules = await ctx.rules.current();
  const reasons: Reason[] = [];
  const add = (code: ModerationReasonCode, details: Iterable<string>) => {
    for (const detail of new Set(details)) reasons.push({ code, detail });
  };
  const texts = [input.body, input.authorName ?? ""];
  add("BANNED_WORD", texts.flatMap((text) => rules.banned.find(text)));
  add("BLOCKED_DOMAIN", blockedIn(input.body, rules.blockedDomains));
  add("SUSPECT_WORD", texts.flatMap((text) => rules.suspect.find(text)));
  const links = findLinks(input.body);
  if (links.count > rules.maxLinks) add("TOO_MANY_LINKS", [String(links.count)]);
  if (rules.allowedDomains.length > 0) {
    add("UNLISTED_DOMAIN", links.hosts.filter((host) => !rules.allowedDomains.some((domain) => withinDomain(host, domain))));
  }
  if (standing === "PREMODERATED") add("PREMODERATED_COMMENTER", [""]);
  else if (standing !== "TRUSTED" && rules.premodNewcomers && reasons.length === 0 && (await isNewcomer(ctx, input.commenter))) {
    add("NEW_COMMENTER", [""]);
  }
  const status = reasons.some((reason) => REJECTS.includes(reason.code)) ? "REJECTED" : reasons.length > 0 ? "PENDING" : null;
  return { status, reasons: reasons.map((reason) => ({ ...reason, detail: reason.detail || null })), trusted: standing === "TRUSTED" };
}

/** The status a new comment gets: what the screen forced, else the article's mode (which trusted commenters skip). */
export function statusFor(screening: Screening, moderation: ModerationMode): "APPROVED" | "PENDING" | "REJECTED" {
  return screening.status ?? (moderation === "PRE" && !screening.trusted ? "PENDING" : "APPROVED");
}

/** Keeps the screen's reasons on the comment, for moderators. */
export async function keepReasons(tx: Tx, commentId: number, screening: Screening, at: Date): Promise<void> {
  if (screening.reasons.length === 0) return;
  await tx.moderationReason.createMany({ data: screening.reasons.map((reason) => ({ commentId, ...reason, createdAt: at })) });
}

function blockedIn(body: string, blocked: string[]): string[] {
  if (blocked.length === 0) return [];
  const hosts = findHosts(body);
  return blocked.filter((domain) => hosts.some((host) => withinDomain(host, domain)));
}

/** Whether the commenter has no approved comment yet. */
async function isNewcomer(ctx: Context, commenter: Commenter): Promise<boolean> {
  const who = [...(commenter.userId ? [{ userId: commenter.userId }] : []), ...(commenter.email ? [{ guestEmail: commenter.email }] : [])];
  if (who.length === 0) return true;
  const approved = await ctx.prisma.comment.findFirst({ where: { status: "APPROVED", OR: who }, select: { id: true } });
  return approved === null;
}

/** Screens an edit by the comment's author: their standing, and the new text by the rules. */
export async function screenEdit(ctx: Context, input: { id: number; body: string; editKey?: string | null }): Promise<Screening> {
  const comment = await ctx.prisma.comment.findUnique({ where: { id: input.id }, select: { userId: true, guestEmail: true, editKeyHash: true } });
  const keys = input.editKey ? [...ctx.editKeyHashes, hashEditKey(input.editKey)] : ctx.editKeyHashes;
  // Someone else's comment, or none: the edit itself reports NOT_FOUND or FORBIDDEN, and says nothing of its author.
  if (!comment || !isAuthor({ viewer: ctx.viewer, editKeyHashes: keys }, comment)) return { status: null, reasons: [], trusted: false };
  return screenComment(ctx, { body: input.body, commenter: { userId: comment.userId, email: comment.guestEmail } });
}
