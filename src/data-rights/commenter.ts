// Whose data a request is about: a signed-in commenter by their token's subject, or a guest by the
// email address they gave. A subject is proven by signing in; an email never is (a guest holds
// no account), so only an admin asks by email.
import { createHash } from "node:crypto";
import validator from "validator";
import type { Viewer } from "../auth.js";
import { SIGNED_IN } from "../comments/reader-key.js";
import type { Context } from "../context.js";
import { ValidationError } from "../errors.js";
import type { Tx } from "../events/record.js";
import type { Prisma } from "../generated/prisma/client.js";

/** A data subject: exactly one of a sign-in subject or a guest email address. */
export type DataSubject = { subject: string } | { email: string };

/** The name an erased commenter's comments are shown under. */
export const DELETED_USER = "Deleted user";

/**
 * The data subject an input names, trimmed. Throws ValidationError (`field` under `path`) unless
 * exactly one of `subject` and `email` is given and an email is an address.
 */
export function dataSubjectOf(input: { subject?: string | null; email?: string | null }, path: string): DataSubject {
  const subject = input.subject?.trim();
  const email = input.email?.trim();
  if (!subject === !email) throw new ValidationError("Name the commenter by exactly one of `subject` or `email`.", path);
  if (subject) return { subject };
  if (!validator.isEmail(email!)) throw new ValidationError("Give an email address.", `${path}.email`);
  return { email: email! };
}

/** Whether the viewer is the data subject themselves: signed in with that subject. */
export function isSelf(viewer: Viewer | null, input: { subject?: string | null; email?: string | null }): boolean {
  return !!viewer && !input.email && input.subject?.trim() === viewer.id;
}

/**
 * The subject's comments, as a Prisma `where`. An email matches in any case on both databases (a
 * request rarely spells an address as the guest typed it), so its comments are found by lower().
 */
export async function commentsOf(db: Tx, who: DataSubject): Promise<Prisma.CommentWhereInput> {
  if ("subject" in who) return { userId: who.subject };
  const rows = await db.$queryRaw<{ id: number }[]>`SELECT "id" FROM "Comment" WHERE lower("guestEmail") = ${who.email.toLowerCase()}`;
  return { id: { in: rows.map((row) => Number(row.id)) } };
}

/** The key their reactions and reports are filed under; null for a guest, whose are keyed by a browser key no email links to. */
export function readerKeyOfSubject(who: DataSubject): string | null {
  return "subject" in who ? `${SIGNED_IN}${who.subject}` : null;
}

/** The standings that name them: their subject, or their email address (lowercased, as standings store it). */
export function standingsOf(who: DataSubject): Prisma.CommenterStandingWhereInput {
  return "subject" in who ? { match: "USER", value: who.subject } : { match: "EMAIL", value: who.email.toLowerCase() };
}

/**
 * How the moderation log names them: a subject or an email (lowercased) by its SHA-256, so an
 * erasure leaves no identifier behind in the log while a later request can still be matched to it.
 */
export function logReference(who: DataSubject): string {
  return "subject" in who ? `USER sha256:${sha256(who.subject)}` : `EMAIL sha256:${sha256(who.email.toLowerCase())}`;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Writes one entry of the moderation log for a data-rights request; a commenter acting for themselves is not named, so their name does not outlive an erasure. */
export function logRequest(
  tx: Pick<Context["prisma"], "moderationAction">,
  ctx: Context,
  entry: { kind: "EXPORT_COMMENTER_DATA" | "ERASE_COMMENTER_DATA"; who: DataSubject; note: string },
) {
  const actor = ctx.viewer as Viewer;
  const self = isSelf(actor, "subject" in entry.who ? { subject: entry.who.subject } : { email: entry.who.email });
  return tx.moderationAction.create({
    data: {
      kind: entry.kind,
      actorId: self ? logReference(entry.who) : actor.id,
      actorName: self ? "the commenter" : actor.name,
      note: `${logReference(entry.who)}: ${entry.note}`,
      createdAt: ctx.now(),
    },
  });
}

/** "3 comments", "1 edit": a count with its noun. */
export const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
