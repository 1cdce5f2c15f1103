// Spam and abuse rules: words, link domains and site-wide settings that admins keep, and the
// reasons the rules gave for holding or rejecting a comment (moderators only).
import { builder } from "../builder.js";
import { InvalidIdError, NotFoundError, ValidationError } from "../errors.js";
import { parseId } from "../ids.js";
import { addRule, removeRule, setSettings } from "../moderation-rules/admin.js";
import { DEFAULT_SETTINGS } from "../moderation-rules/rules.js";
import { Comment } from "./comment.js";

const ModerationRuleKind = builder.enumType("ModerationRuleKind", {
  values: {
    BANNED_WORD: { description: "A comment holding this word or phrase is rejected." },
    SUSPECT_WORD: { description: "A comment holding this word or phrase waits for review." },
    BLOCKED_DOMAIN: { description: "A comment naming this domain or a subdomain of it is rejected." },
    ALLOWED_DOMAIN: { description: "When any are set, a comment linking to another domain waits for review." },
  } as const,
});

const ModerationReasonCode = builder.enumType("ModerationReasonCode", {
  values: {
    BANNED_WORD: { description: "A banned word or phrase (rejected)." },
    BLOCKED_DOMAIN: { description: "A blocked domain (rejected)." },
    SUSPECT_WORD: { description: "A suspect word or phrase." },
    TOO_MANY_LINKS: { description: "More links than the settings allow; `detail` is the count." },
    UNLISTED_DOMAIN: { description: "A link outside the allowed domains; `detail` is its host." },
    NEW_COMMENTER: { description: "The commenter's first comment, while newcomers are premoderated." },
    PREMODERATED_COMMENTER: { description: "A moderator set this commenter to be premoderated." },
  } as const,
});

export const ModerationRule = builder.prismaNode("ModerationRule", {
  // A global id of a row that is gone (or never was) is null, as the Node interface promises.
  nullable: true,
  id: { field: "id" },
  // Readers must not learn the word lists, by `node(id:)` or otherwise.
  authScopes: { moderator: true },
  fields: (t) => ({
    kind: t.expose("kind", { type: ModerationRuleKind }),
    value: t.exposeString("value", { description: "A word or phrase as written (matched after normalisation), or a domain." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

type Settings = { maxLinks: number; premodNewcomers: boolean; commentsCloseAfterDays: number | null; reportThreshold: number };

const ModerationSettings = builder.objectRef<Settings>("ModerationSettings").implement({
  fields: (t) => ({
    commentsCloseAfterDays: t.exposeInt("commentsCloseAfterDays", {
      nullable: true,
      description: "Days after publication that an article's comments close by themselves, unless the article sets its own; null: never.",
    }),
    maxLinks: t.exposeInt("maxLinks", { description: "A comment with more links than this waits for review." }),
    premodNewcomers: t.exposeBoolean("premodNewcomers", { description: "Whether a commenter's comments wait for review until one is approved." }),
    reportThreshold: t.exposeInt("reportThreshold", { description: "Open reports by signed-in readers that send an approved comment on a POST-moderated article back to review (guests' reports only reach the REPORTED queue)." }),
  }),
});

builder.prismaObject("ModerationReason", {
  description: "Why the rules held or rejected a comment.",
  fields: (t) => ({
    code: t.expose("code", { type: ModerationReasonCode }),
    detail: t.exposeString("detail", { nullable: true, description: "The word, domain or count that tripped the rule." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaObjectField(Comment, "moderationReasons", (t) =>
  t.relation("reasons", {
    description: "Why the spam and abuse rules held or rejected this comment, oldest first. Moderators only.",
    authScopes: { moderator: true },
    query: { orderBy: { id: "asc" } },
  }),
);

const AddModerationRuleInput = builder.inputType("AddModerationRuleInput", {
  fields: (t) => ({
    kind: t.field({ type: ModerationRuleKind, required: true }),
    value: t.string({ required: true, description: "A word or phrase (up to 100 characters), or a domain." }),
  }),
});

const ModerationSettingsInput = builder.inputType("ModerationSettingsInput", {
  fields: (t) => ({
    maxLinks: t.int({ description: "0 to 1,000." }),
    premodNewcomers: t.boolean(),
    commentsCloseAfterDays: t.int({ description: "1 to 3,650 days after publication; null: comments never close by themselves. Left out: unchanged." }),
    reportThreshold: t.int({ description: "1 to 1,000." }),
  }),
});

const ModerationRulePayload = builder.objectRef<{ rule: { id: number } }>("ModerationRulePayload").implement({
  fields: (t) => ({
    rule: t.prismaField({ type: ModerationRule, nullable: true, description: "Null once removed.", resolve: (query, payload, _args, ctx) => ctx.prisma.moderationRule.findUnique({ ...query, where: { id: payload.rule.id } }) }),
  }),
});

const ModerationSettingsPayload = builder.objectRef<{ settings: Settings }>("ModerationSettingsPayload").implement({
  fields: (t) => ({ settings: t.field({ type: ModerationSettings, resolve: (payload) => payload.settings }) }),
});

const adminErrors = [ValidationError, NotFoundError, InvalidIdError];

builder.mutationFields((t) => ({
  addModerationRule: t.field({
    type: ModerationRulePayload,
    description: "Adds a banned or suspect word, or a blocked or allowed link domain. Admins only.",
    authScopes: { admin: true },
    errors: { types: adminErrors },
    args: { input: t.arg({ type: AddModerationRuleInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({ rule: await addRule(ctx, input) }),
  }),
  removeModerationRule: t.field({
    type: ModerationRulePayload,
    description: "Removes a rule. Admins only.",
    authScopes: { admin: true },
    errors: { types: adminErrors },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => ({ rule: await removeRule(ctx, parseId(String(id), "ModerationRule")) }),
  }),
  setModerationSettings: t.field({
    type: ModerationSettingsPayload,
    description: "Sets the most links a comment may hold, whether newcomers are premoderated, when comments close by themselves and how many reports send a comment to review. Admins only.",
    authScopes: { admin: true },
    errors: { types: adminErrors },
    args: { input: t.arg({ type: ModerationSettingsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({ settings: await setSettings(ctx, input) }),
  }),
}));

builder.queryFields((t) => ({
  moderationRules: t.prismaConnection({
    type: ModerationRule,
    cursor: "id",
    description: "The spam and abuse rules, oldest first. Moderators only.",
    authScopes: { moderator: true },
    args: { kind: t.arg({ type: ModerationRuleKind }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.moderationRule.findMany({ ...query, where: args.kind ? { kind: args.kind } : {}, orderBy: { id: "asc" } }),
  }),
  moderationSettings: t.field({
    type: ModerationSettings,
    description: "The site-wide spam settings. Moderators only.",
    authScopes: { moderator: true },
    resolve: async (_root, _args, ctx) => (await ctx.prisma.moderationSettings.findUnique({ where: { id: 1 } })) ?? DEFAULT_SETTINGS,
  }),
}));
