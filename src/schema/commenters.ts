// Commenter moderation: bans, suspensions, premoderation and trust, by subject, email or domain.
import { builder } from "../builder.js";
import { NotFoundError, ValidationError } from "../errors.js";
import { clearStanding, setStanding } from "../moderation-rules/commenters.js";

const CommenterMatch = builder.enumType("CommenterMatch", {
  values: {
    USER: { description: "A signed-in reader, by their token's subject." },
    EMAIL: { description: "A guest, by email address." },
    EMAIL_DOMAIN: { description: "Every guest whose email address is at this domain." },
  } as const,
});

const Standing = builder.enumType("Standing", {
  values: {
    BANNED: { description: "Refused, for good or until `until`." },
    SUSPENDED: { description: "Refused until `until`." },
    PREMODERATED: { description: "Every comment waits for review." },
    TRUSTED: { description: "Skips PRE moderation and the newcomer rule; the word and link rules still apply." },
  } as const,
});

const CommenterInput = builder.inputType("CommenterInput", {
  fields: (t) => ({
    match: t.field({ type: CommenterMatch, required: true }),
    value: t.string({ required: true, description: "The subject, email address or email domain." }),
  }),
});

const CommenterStanding = builder.prismaObject("CommenterStanding", {
  // Emails are private: moderators only.
  authScopes: { moderator: true },
  fields: (t) => ({
    match: t.expose("match", { type: CommenterMatch }),
    value: t.exposeString("value"),
    standing: t.expose("standing", { type: Standing }),
    until: t.expose("until", { type: "DateTime", nullable: true }),
    note: t.exposeString("note", { nullable: true }),
    actorName: t.exposeString("actorName"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const SetCommenterStandingInput = builder.inputType("SetCommenterStandingInput", {
  fields: (t) => ({
    commenter: t.field({ type: CommenterInput, required: true }),
    standing: t.field({ type: Standing, required: true }),
    until: t.field({ type: "DateTime", description: "When a ban or suspension ends; required for a suspension." }),
    note: t.string({ description: "Why, for the moderation log." }),
  }),
});

const ClearCommenterStandingInput = builder.inputType("ClearCommenterStandingInput", {
  fields: (t) => ({
    commenter: t.field({ type: CommenterInput, required: true }),
    note: t.string({ description: "Why, for the moderation log." }),
  }),
});

const CommenterStandingPayload = builder.objectRef<{ standing: { id: number } }>("CommenterStandingPayload").implement({
  fields: (t) => ({
    standing: t.prismaField({
      type: CommenterStanding,
      nullable: true,
      description: "Null once lifted.",
      resolve: (query, payload, _args, ctx) => ctx.prisma.commenterStanding.findUnique({ ...query, where: { id: payload.standing.id } }),
    }),
  }),
});

const moderatorErrors = [ValidationError, NotFoundError];

builder.mutationFields((t) => ({
  setCommenterStanding: t.field({
    type: CommenterStandingPayload,
    description: "Bans, suspends, premoderates or trusts a commenter, replacing any standing they had. Moderators only.",
    authScopes: { moderator: true },
    errors: { types: moderatorErrors },
    args: { input: t.arg({ type: SetCommenterStandingInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      standing: await setStanding(ctx, { key: input.commenter, standing: input.standing, until: input.until, note: input.note }),
    }),
  }),
  clearCommenterStanding: t.field({
    type: CommenterStandingPayload,
    description: "Lifts a commenter's ban, suspension, premoderation or trust. Moderators only.",
    authScopes: { moderator: true },
    errors: { types: moderatorErrors },
    args: { input: t.arg({ type: ClearCommenterStandingInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({ standing: await clearStanding(ctx, { key: input.commenter, note: input.note }) }),
  }),
}));

builder.queryFields((t) => ({
  commenterStandings: t.prismaConnection({
    type: CommenterStanding,
    cursor: "id",
    description: "Commenters banned, suspended, premoderated or trusted, newest first. Moderators only.",
    authScopes: { moderator: true },
    args: { standing: t.arg({ type: Standing }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.commenterStanding.findMany({ ...query, where: args.standing ? { standing: args.standing } : {}, orderBy: { id: "desc" } }),
  }),
}));
