// Commenter moderation: moderators ban (for good or until a time), suspend, always premoderate or
// trust a commenter, by signed-in subject, guest email or email domain. Each change is logged and,
// since standings are held in memory with the rules (rules.ts), drops every instance's copy.
import validator from "validator";
import type { Viewer } from "../auth.js";
import type { Context } from "../context.js";
import { announceRulesChanged, type RuleSet } from "./rules.js";
import { CommenterBannedError, CommenterSuspendedError, NotFoundError, ValidationError } from "../errors.js";
import type { CommenterMatch, CommenterStanding, Standing } from "../generated/prisma/client.js";

/** Who wrote a comment: a signed-in subject, or a guest email. */
export interface Commenter {
  userId: string | null;
  email: string | null;
}

/** One way of naming commenters: a subject, an email or a whole email domain. */
export interface CommenterKey {
  match: CommenterMatch;
  value: string;
}

// When several standings name one commenter (a trusted address at a banned domain), the strictest holds.
const STRICTNESS: Standing[] = ["BANNED", "SUSPENDED", "PREMODERATED", "TRUSTED"];

/** The keys that name this commenter; emails and domains are compared lowercased. */
export function keysOf(commenter: Commenter): CommenterKey[] {
  const keys: CommenterKey[] = [];
  if (commenter.userId) keys.push({ match: "USER", value: commenter.userId });
  if (commenter.email) {
    const email = commenter.email.toLowerCase();
    keys.push({ match: "EMAIL", value: email });
    // A domain's standing covers its subdomains, as a blocked link domain does.
    const labels = email.slice(email.lastIndexOf("@") + 1).split(".");
    for (let i = 0; i < labels.length - 1; i++) keys.push({ match: "EMAIL_DOMAIN", value: labels.slice(i).join(".") });
  }
  return keys;
}

/** A key as a moderator gives it, checked and lowercased where case does not matter. */
export function normaliseKey(key: CommenterKey): CommenterKey {
  const value = key.value.trim();
  if (key.match === "USER") {
    if (!value) throw new ValidationError("Give the commenter's sign-in subject.", "commenter.value");
    return { match: "USER", value };
  }
  const lowered = value.toLowerCase();
  const valid = key.match === "EMAIL" ? validator.isEmail(lowered) : validator.isFQDN(lowered);
  if (!valid) throw new ValidationError(key.match === "EMAIL" ? "Give an email address." : "Give an email domain, such as example.org.", "commenter.value");
  return { match: key.match, value: lowered };
}

/**
 * The standing that holds for a commenter now: banned and suspended commenters are refused here,
 * with when it ends. Returns PREMODERATED, TRUSTED or null.
 */
export function standingOf(rules: RuleSet, commenter: Commenter, now: Date): "PREMODERATED" | "TRUSTED" | null {
  const rows = keysOf(commenter).flatMap((key) => rules.standings.get(`${key.match} ${key.value}`) ?? []);
  const active = rows.filter((row) => row.until === null || row.until > now);
  active.sort((a, b) => STRICTNESS.indexOf(a.standing) - STRICTNESS.indexOf(b.standing));
  const strictest = active[0];
  if (!strictest) return null;
  if (strictest.standing === "BANNED") throw new CommenterBannedError(strictest.until);
  if (strictest.standing === "SUSPENDED") throw new CommenterSuspendedError(strictest.until!);
  return strictest.standing;
}

/** Sets (or replaces) a commenter's standing, logging who did it. */
export async function setStanding(
  ctx: Context,
  input: { key: CommenterKey; standing: Standing; until?: Date | null; note?: string | null },
): Promise<CommenterStanding> {
  const key = normaliseKey(input.key);
  const until = input.until ?? null;
  if (input.standing === "SUSPENDED" && !until) throw new ValidationError("A suspension needs an end (`until`); a ban may have none.", "until");
  if (until && until <= ctx.now()) throw new ValidationError("`until` must be in the future.", "until");
  if (until && (input.standing === "PREMODERATED" || input.standing === "TRUSTED")) {
    throw new ValidationError("Only bans and suspensions end at a time.", "until");
  }
  const actor = ctx.viewer as Viewer;
  const note = input.note?.trim() || null;
  const data = { standing: input.standing, until, note, actorId: actor.id, actorName: actor.name, createdAt: ctx.now() };
  const row = await ctx.prisma.$transaction(async (tx) => {
    const row = await tx.commenterStanding.upsert({ where: { match_value: key }, create: { ...key, ...data }, update: data });
    await tx.moderationAction.create({
      data: { kind: "SET_COMMENTER_STANDING", actorId: actor.id, actorName: actor.name, note: describe(key, input.standing, until, note), createdAt: ctx.now() },
    });
    return row;
  });
  announceRulesChanged(ctx.events);
  return row;
}

/** Lifts a commenter's standing, logging who did it. */
export async function clearStanding(ctx: Context, input: { key: CommenterKey; note?: string | null }): Promise<CommenterStanding> {
  const key = normaliseKey(input.key);
  const actor = ctx.viewer as Viewer;
  const row = await ctx.prisma.$transaction(async (tx) => {
    const row = await tx.commenterStanding.findUnique({ where: { match_value: key } });
    if (!row) throw new NotFoundError("CommenterStanding");
    await tx.commenterStanding.delete({ where: { id: row.id } });
    const note = `lifted ${describe(key, row.standing, row.until, input.note?.trim() || null)}`;
    await tx.moderationAction.create({ data: { kind: "CLEAR_COMMENTER_STANDING", actorId: actor.id, actorName: actor.name, note, createdAt: ctx.now() } });
    return row;
  });
  announceRulesChanged(ctx.events);
  return row;
}

function describe(key: CommenterKey, standing: Standing, until: Date | null, note: string | null): string {
  return `${standing} ${key.match} ${key.value}${until ? ` until ${until.toISOString()}` : ""}${note ? `: ${note}` : ""}`;
}
