// Subscriptions: live comment feeds that resume from a cursor. Each delivery is re-read with the
// subscriber's own visibility.
import { builder } from "../builder.js";
import type { Context } from "../context.js";
import { NotFoundError } from "../errors.js";
import type { LiveEvent } from "../events/feeds.js";
import { liveStream, type FeedItem } from "../events/stream.js";
import { Article } from "./article.js";
import { CommentStatus, Comment } from "./comment.js";
import { encodeId, parseId } from "../ids.js";
import { visibleArticles } from "../visibility/articles.js";
import { hasRole } from "../auth.js";
import { canSeeComment, isAuthor, visibleComments } from "../visibility/comments.js";

type EventItem = Extract<FeedItem, { type: "event" }>;
type ResyncItem = Extract<FeedItem, { type: "resync" }>;

const CommentActivity = builder.enumType("CommentActivity", {
  values: {
    ADDED: {},
    EDITED: {},
    DELETED: {},
    STATUS_CHANGED: {},
    EDIT_SUBMITTED: { description: "An edit waiting for review: sent to its author and moderators only." },
    REACTIONS_CHANGED: { description: "The comment's reaction counts moved (coalesced: at most one a moment per comment)." },
    FEATURED: { description: "A moderator made the comment an editor's pick." },
    UNFEATURED: { description: "The comment is no longer an editor's pick." },
    REPORTED: { description: "A reader reported the comment: sent to moderators only." },
  } as const,
});

/** A resync in any live feed's union (comments, articles). */
export const ResyncRequired = builder.objectRef<ResyncItem>("ResyncRequired").implement({
  description: "The missed events cannot be replayed: refetch, then resume from `cursor`.",
  isTypeOf: (item) => (item as FeedItem).type === "resync",
  fields: (t) => ({
    cursor: t.field({ type: "Cursor", resolve: (item) => item.position }),
    reason: t.exposeString("reason"),
  }),
});

const eventFields = {
  isTypeOf: (item: unknown) => (item as FeedItem).type === "event",
} as const;

/**
 * The event's comment as the selection asks for it, re-read with the subscriber's own visibility
 * (null if it left their sight since the feed read it): compiled, since every delivery waits on it.
 */
const loadComment = (ctx: Context, event: LiveEvent, query: object) => {
  const find = { ...query, where: { id: event.commentId, AND: [visibleComments(ctx), { article: visibleArticles(ctx) }] } };
  return ctx.reads.findFirst("Comment", find, () => ctx.prisma.comment.findFirst(find));
};

/** Changes to a visible comment that a list of an article's comments shows: its reaction counts, an editor's pick. */
const CHANGES_SHOWN: ReadonlySet<string> = new Set(["REACTIONS_CHANGED", "FEATURED", "UNFEATURED"]);

const CommentAdded = builder.objectRef<EventItem>("CommentAdded").implement({
  isTypeOf: (item) => (item as FeedItem).type === "event" && !CHANGES_SHOWN.has((item as EventItem).event.kind),
  fields: (t) => ({
    cursor: t.field({ type: "Cursor", resolve: (item) => item.event.position }),
    comment: t.prismaField({
      type: Comment,
      nullable: true,
      description: "Null when the comment left your sight between the event and its delivery.",
      resolve: (query, item, _args, ctx) => loadComment(ctx, item.event, query),
    }),
  }),
});

const CommentChanged = builder.objectRef<EventItem>("CommentChanged").implement({
  description: "A visible comment's reaction counts moved (coalesced), or it was made or unmade an editor's pick.",
  isTypeOf: (item) => (item as FeedItem).type === "event" && CHANGES_SHOWN.has((item as EventItem).event.kind),
  fields: (t) => ({
    cursor: t.field({ type: "Cursor", resolve: (item) => item.event.position }),
    kind: t.field({ type: CommentActivity, resolve: (item) => item.event.kind }),
    comment: t.prismaField({
      type: Comment,
      nullable: true,
      description: "Null when the comment left your sight between the event and its delivery.",
      resolve: (query, item, _args, ctx) => loadComment(ctx, item.event, query),
    }),
  }),
});

const ThreadUpdate = builder.objectRef<EventItem>("ThreadUpdate").implement({
  ...eventFields,
  fields: (t) => ({
    cursor: t.field({ type: "Cursor", resolve: (item) => item.event.position }),
    kind: t.field({ type: CommentActivity, resolve: (item) => item.event.kind }),
    commentId: t.id({ resolve: (item) => encodeId("Comment", item.event.commentId) }),
    comment: t.prismaField({
      type: Comment,
      nullable: true,
      description: "Null when the change took the comment out of your sight (rejected, deleted).",
      resolve: (query, item, _args, ctx) => (canSeeComment(ctx, item.event.comment) ? loadComment(ctx, item.event, query) : null),
    }),
  }),
});

const ModerationEvent = builder.objectRef<EventItem>("ModerationEvent").implement({
  ...eventFields,
  fields: (t) => ({
    cursor: t.field({ type: "Cursor", resolve: (item) => item.event.position }),
    kind: t.field({ type: CommentActivity, resolve: (item) => item.event.kind }),
    fromStatus: t.field({ type: CommentStatus, nullable: true, resolve: (item) => item.event.fromStatus }),
    toStatus: t.field({ type: CommentStatus, resolve: (item) => item.event.toStatus }),
    comment: t.prismaField({ type: Comment, resolve: (query, item, _args, ctx) => loadComment(ctx, item.event, query).then((c) => c!) }),
  }),
});

const union = (name: string, event: typeof CommentAdded) => builder.unionType(name, { types: [event, ResyncRequired] });
const CommentAddedMessage = builder.unionType("CommentAddedMessage", { types: [CommentAdded, CommentChanged, ResyncRequired] });
const ThreadMessage = union("ThreadMessage", ThreadUpdate);
const ModerationMessage = union("ModerationMessage", ModerationEvent);

/** Whether the subscriber could see the comment before the event (as the rule would have judged its former status). */
const sawBefore = (ctx: Context, event: LiveEvent) => event.fromStatus != null && canSeeComment(ctx, { ...event.comment, status: event.fromStatus });

/** New to this subscriber: added and visible, or just became visible. */
function becameVisible(ctx: Context, event: LiveEvent): boolean {
  if (!canSeeComment(ctx, event.comment)) return false;
  return event.kind === "ADDED" || (event.kind === "STATUS_CHANGED" && !sawBefore(ctx, event));
}

/** New to this subscriber, or a change to a comment it sees that a comment list shows (reactions, picks). */
function addedOrShownChange(ctx: Context, event: LiveEvent): boolean {
  return becameVisible(ctx, event) || (CHANGES_SHOWN.has(event.kind) && canSeeComment(ctx, event.comment));
}

/** Anything this subscriber sees, or saw before the change; an edit waiting for review, only its author and moderators. */
function touchesVisible(ctx: Context, event: LiveEvent): boolean {
  if (event.kind === "EDIT_SUBMITTED") return hasRole(ctx.viewer, "MODERATOR") || isAuthor(ctx, event.comment);
  // Who reported what is for moderators only.
  if (event.kind === "REPORTED") return hasRole(ctx.viewer, "MODERATOR");
  return canSeeComment(ctx, event.comment) || sawBefore(ctx, event);
}

/** Whether a subscriber receives an event, by the subscriber's context. */
export type Rule<E extends object = LiveEvent> = (ctx: Context, event: E) => boolean;
const publicAnswers = new Map<Rule<never>, WeakMap<object, boolean>>();

/**
 * `rule` as this subscriber's filter. Anonymous readers without edit keys all get the same answer
 * for an event, so it is worked out once per event and rule, not once per reader.
 */
export function filterFor<E extends object>(ctx: Context, rule: Rule<E>): (event: E) => boolean {
  if (ctx.viewer || ctx.editKeyHashes.length > 0) return (event) => rule(ctx, event);
  let answers = publicAnswers.get(rule as Rule<never>);
  if (!answers) publicAnswers.set(rule as Rule<never>, (answers = new WeakMap()));
  const known = answers;
  return (event) => {
    let answer = known.get(event);
    if (answer === undefined) known.set(event, (answer = rule(ctx, event)));
    return answer;
  };
}

builder.subscriptionFields((t) => ({
  commentAdded: t.field({
    type: CommentAddedMessage,
    description: "New comments and replies on an article as they become visible to you, and the reaction counts and editor's picks of those you see (CommentChanged). Pass `after` to resume.",
    args: { articleId: t.arg.id({ required: true }), after: t.arg({ type: "Cursor" }) },
    subscribe: async (_root, args, ctx) => {
      const id = parseId(String(args.articleId), "Article");
      const find = { where: { id, AND: [visibleArticles(ctx)] }, select: { id: true } };
      // A thousand readers opening a popular thread check it a thousand times: the compiled read.
      const article = await ctx.reads.findFirst("Article", find, () => ctx.prisma.article.findFirst(find));
      if (!article) throw new NotFoundError("Article");
      return liveStream(ctx.feeds, { kind: "article", id }, args.after ?? null, filterFor(ctx, addedOrShownChange));
    },
    resolve: (item) => item,
  }),
  threadUpdated: t.field({
    type: ThreadMessage,
    description: "Replies, edits, deletions and moderation changes in one thread. Pass `after` to resume.",
    args: { rootId: t.arg.id({ required: true, description: "Any comment of the thread." }), after: t.arg({ type: "Cursor" }) },
    subscribe: async (_root, args, ctx) => {
      const id = parseId(String(args.rootId), "Comment");
      const comment = await ctx.prisma.comment.findFirst({
        where: { id, AND: [visibleComments(ctx), { article: visibleArticles(ctx) }] },
        select: { id: true, rootId: true },
      });
      if (!comment) throw new NotFoundError("Comment");
      return liveStream(ctx.feeds, { kind: "thread", id: comment.rootId ?? comment.id }, args.after ?? null, filterFor(ctx, touchesVisible));
    },
    resolve: (item) => item,
  }),
  moderationEvents: t.field({
    type: ModerationMessage,
    description: "Every new comment and status change, for moderators. Pass `after` to resume.",
    authScopes: { moderator: true },
    args: { after: t.arg({ type: "Cursor" }) },
    subscribe: (_root, args, ctx) => liveStream(ctx.feeds, { kind: "all" }, args.after ?? null, () => true),
    resolve: (item) => item,
  }),
}));

/** `read`, run once per request (context) however many fields ask: a log's position is global. */
export function oncePerRequest<T>(read: (ctx: Context) => Promise<T>): (ctx: Context) => Promise<T> {
  const answers = new WeakMap<Context, Promise<T>>();
  return (ctx) => {
    let answer = answers.get(ctx);
    if (!answer) answers.set(ctx, (answer = read(ctx)));
    return answer;
  };
}

const latestCommentPosition = oncePerRequest((ctx) => ctx.prisma.commentEvent.aggregate({ _max: { position: true } }).then((bounds) => bounds._max.position ?? 0));

builder.prismaObjectField(Article, "liveCursor", (t) =>
  t.field({
    type: "Cursor",
    description: "Where live feeds stand now: load the page, then subscribe with `after: liveCursor` to miss nothing.",
    resolve: (_article, _args, ctx) => latestCommentPosition(ctx),
  }),
);
