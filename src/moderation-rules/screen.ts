// The screen a comment passes before it is written: the commenter's standing, then the rules.
// A banned word or a blocked domain rejects it, a suspect word, too many links, a link outside the
// allowed domains, a premoderated commenter or a newcomer (when premoderated) hold it for review.
// A rejected comment is stored as REJECTED, as Coral Talk does, so moderators see it and its
// reasons and can restore a false positive; the public never sees it (src/visibility/comments.ts).
import { hasRole } from "../auth.js";
import type { Context } from "../context.js";
import type { Tx } from "../events/record.js";
import type { ModerationMode, ModerationReasonCode } from "../generated/prisma/client.js";
import { standingOf, type Commenter } from "./commenters.js";
import { findHosts, findLinks, withinDomain } from "./links.js";
import type { RuleSet } from "./rules.js";

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

/**
 * Screens a comment's text and its author, reading through the write's transaction (`tx`) with the
 * rules loaded before it began. Throws CommenterBannedError or CommenterSuspendedError.
 */
export async function screenComment(
  ctx: Context,
  input: { tx: Tx; rules: RuleSet; body: string; authorName?: string | null; commenter: Commenter },
): Promise<Screening> {
  // Moderators are not held by their own rules.
  if (hasRole(ctx.viewer, "MODERATOR")) return { status: null, reasons: [], trusted: true };
  const { rules, tx } = input;
  const standing = standingOf(rules, input.commenter, ctx.now());
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
  else if (standing !== "TRUSTED" && rules.premodNewcomers && reasons.length === 0 && (await isNewcomer(tx, input.commenter))) {
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
async function isNewcomer(tx: Tx, commenter: Commenter): Promise<boolean> {
  const who = [...(commenter.userId ? [{ userId: commenter.userId }] : []), ...(commenter.email ? [{ guestEmail: commenter.email }] : [])];
  if (who.length === 0) return true;
  const approved = await tx.comment.findFirst({ where: { status: "APPROVED", OR: who }, select: { id: true } });
  return approved === null;
}
