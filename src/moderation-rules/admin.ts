// Admins' changes to the spam and abuse rules: each is logged, then announced so every instance
// drops its cached copy.
import type { Viewer } from "../auth.js";
import type { Context } from "../context.js";
import { MAX_CLOSE_AFTER_DAYS, validCloseAfterDays } from "./closing-days.js";
import { NotFoundError, ValidationError, type FieldProblem } from "../errors.js";
import { publishNewsroomChanged } from "../events/publish.js";
import type { ModerationActionKind, ModerationRule, ModerationRuleKind, ModerationSettings } from "../generated/prisma/client.js";
import type { Tx } from "../events/record.js";
import { normaliseDomain } from "./links.js";
import { announceRulesChanged, DEFAULT_SETTINGS } from "./rules.js";
import { fold } from "./words.js";

const MAX_WORD = 100;

/** Adds a rule; adding one that exists returns it unchanged. */
export async function addRule(ctx: Context, input: { kind: ModerationRuleKind; value: string }): Promise<ModerationRule> {
  const value = ruleValue(input.kind, input.value);
  const rule = await ctx.prisma.$transaction(async (tx) => {
    const existing = await tx.moderationRule.findUnique({ where: { kind_value: { kind: input.kind, value } } });
    if (existing) return existing;
    const created = await tx.moderationRule.create({ data: { kind: input.kind, value, actorId: actor(ctx).id, createdAt: ctx.now() } });
    await log(tx, ctx, "ADD_RULE", `${input.kind} ${value}`);
    return created;
  });
  announceRulesChanged(ctx.events);
  return rule;
}

/** Removes a rule. */
export async function removeRule(ctx: Context, id: number): Promise<ModerationRule> {
  const rule = await ctx.prisma.$transaction(async (tx) => {
    const rule = await tx.moderationRule.findUnique({ where: { id } });
    if (!rule) throw new NotFoundError("ModerationRule");
    await tx.moderationRule.delete({ where: { id } });
    await log(tx, ctx, "REMOVE_RULE", `${rule.kind} ${rule.value}`);
    return rule;
  });
  announceRulesChanged(ctx.events);
  return rule;
}

/** Changes the site-wide settings; fields left out keep their value. */
export async function setSettings(
  ctx: Context,
  input: { maxLinks?: number | null; premodNewcomers?: boolean | null; commentsCloseAfterDays?: number | null; reportThreshold?: number | null },
): Promise<ModerationSettings> {
  const problems: FieldProblem[] = [];
  if (input.maxLinks != null && (input.maxLinks < 0 || input.maxLinks > 1000)) {
    problems.push({ path: ["maxLinks"], message: "The most links a comment may hold is between 0 and 1,000." });
  }
  if (input.commentsCloseAfterDays != null && !validCloseAfterDays(input.commentsCloseAfterDays)) {
    problems.push({ path: ["commentsCloseAfterDays"], message: `Comments close between 1 and ${MAX_CLOSE_AFTER_DAYS} days after publication.` });
  }
  if (input.reportThreshold != null && (input.reportThreshold < 1 || input.reportThreshold > 1000)) {
    problems.push({ path: ["reportThreshold"], message: "The reports that send a comment to review are between 1 and 1,000." });
  }
  if (problems.length > 0) throw ValidationError.of(problems);
  const settings = await ctx.prisma.$transaction(async (tx) => {
    const before = (await tx.moderationSettings.findUnique({ where: { id: 1 } })) ?? DEFAULT_SETTINGS;
    const after = {
      maxLinks: input.maxLinks ?? before.maxLinks,
      premodNewcomers: input.premodNewcomers ?? before.premodNewcomers,
      // Left out: unchanged; null: comments never close by themselves.
      commentsCloseAfterDays: input.commentsCloseAfterDays === undefined ? before.commentsCloseAfterDays : input.commentsCloseAfterDays,
      reportThreshold: input.reportThreshold ?? before.reportThreshold,
    };
    const saved = await tx.moderationSettings.upsert({ where: { id: 1 }, create: { id: 1, ...after, updatedAt: ctx.now() }, update: { ...after, updatedAt: ctx.now() } });
    if (after.commentsCloseAfterDays !== before.commentsCloseAfterDays) {
      // Articles on the site's days close at a new time, announced when it comes (src/articles/closing-timer.ts).
      await tx.article.updateMany({ where: { commentsCloseAfterDays: null }, data: { commentsClosedAt: null } });
    }
    const days = (value: number | null) => value ?? "never";
    const closing = input.commentsCloseAfterDays === undefined ? "" : `, commentsCloseAfterDays ${days(before.commentsCloseAfterDays)} -> ${days(after.commentsCloseAfterDays)}`;
    const reports = after.reportThreshold === before.reportThreshold ? "" : `, reportThreshold ${before.reportThreshold} -> ${after.reportThreshold}`;
    await log(tx, ctx, "CHANGE_RULE_SETTINGS", `maxLinks ${before.maxLinks} -> ${after.maxLinks}, premodNewcomers ${before.premodNewcomers} -> ${after.premodNewcomers}${closing}${reports}`);
    return saved;
  });
  announceRulesChanged(ctx.events);
  // Every article on the site's days may open or close: cached pages go.
  if (input.commentsCloseAfterDays !== undefined) publishNewsroomChanged(ctx.events, ["Article"]);
  return settings;
}

/** A rule's value as stored: a word or phrase trimmed, a domain reduced to its host. */
function ruleValue(kind: ModerationRuleKind, raw: string): string {
  if (kind === "BLOCKED_DOMAIN" || kind === "ALLOWED_DOMAIN") {
    const domain = normaliseDomain(raw);
    if (!domain) throw new ValidationError("Give a domain name, such as example.org.", "value");
    return domain;
  }
  const value = raw.trim().replace(/\s+/g, " ");
  if (!/[\p{L}\p{N}]/u.test(fold(value))) throw new ValidationError("A word or phrase needs at least one letter or digit.", "value");
  if ([...value].length > MAX_WORD) throw new ValidationError(`Words and phrases are limited to ${MAX_WORD} characters.`, "value");
  return value;
}

const actor = (ctx: Context) => ctx.viewer as Viewer;

function log(tx: Tx, ctx: Context, kind: ModerationActionKind, note: string) {
  return tx.moderationAction.create({ data: { kind, actorId: actor(ctx).id, actorName: actor(ctx).name, note, createdAt: ctx.now() } });
}
