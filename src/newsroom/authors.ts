// Creating and changing authors (admins only, by the schema's scopes). `userId` links an author to
// the sign-in subject of a token, so their drafts are theirs.
import type { Context } from "../context.js";
import { NotFoundError, type FieldProblem } from "../errors.js";
import { writeArticles } from "../articles/transaction.js";
import type { Tx } from "../events/record.js";
import { AUTHOR_TYPES } from "./cached-types.js";
import { checkHttpUrl, Problems, problemsOf } from "./inputs.js";
import { recordSlug } from "./record-slugs.js";

/** An author's writable fields: undefined leaves a field as it is, null clears it. */
export interface AuthorFields {
  name?: string | null;
  slug?: string | null;
  bio?: string | null;
  avatarUrl?: string | null;
  userId?: string | null;
}

/** Creates an author, its slug made from the name unless given; gives its id. Throws ValidationError listing every bad field. */
export async function createAuthor(ctx: Context, input: AuthorFields & { name: string }): Promise<{ id: number }> {
  const { result } = await writeArticles(ctx, async (tx, log) => {
    const data = await authorData(tx, null, input);
    const row = await tx.author.create({ data: { ...data, name: input.name, slug: data.slug! }, select: { id: true } });
    log.touched(...AUTHOR_TYPES);
    return row;
  });
  return result;
}

/** Changes an author's fields (the slug only when given); gives its id. Throws NotFoundError or ValidationError. */
export async function updateAuthor(ctx: Context, id: number, input: AuthorFields): Promise<{ id: number }> {
  const { result } = await writeArticles(ctx, async (tx, log) => {
    if (!(await tx.author.findUnique({ where: { id }, select: { id: true } }))) throw new NotFoundError("Author");
    await tx.author.update({ where: { id }, data: await authorData(tx, id, input) });
    log.touched(...AUTHOR_TYPES, "Byline");
    return { id };
  });
  return result;
}

/** Every problem of an author's fields, read-only: the input checks beside refused text (src/input-rules.ts). */
export function authorProblems(db: Tx, id: number | null, input: AuthorFields): Promise<FieldProblem[]> {
  return problemsOf(() => authorData(db, id, input));
}

async function authorData(tx: Tx, id: number | null, input: AuthorFields) {
  const problems = new Problems();
  if (input.name === null) problems.add(["name"], "An author needs a name.");
  checkHttpUrl(problems, input.avatarUrl, ["avatarUrl"]);
  const slug = await recordSlug(tx, { model: "author", id, given: input.slug, name: input.name, problems });
  if (input.userId != null) {
    const holder = await tx.author.findUnique({ where: { userId: input.userId }, select: { id: true } });
    if (holder && holder.id !== id) problems.add(["signInSubject"], "Another author is linked to this sign-in.");
  }
  problems.throwIfAny();
  return {
    ...(input.name != null && { name: input.name }),
    ...(slug !== undefined && { slug }),
    ...(input.bio !== undefined && { bio: input.bio ?? "" }),
    ...(input.avatarUrl !== undefined && { avatarUrl: input.avatarUrl }),
    ...(input.userId !== undefined && { userId: input.userId }),
  };
}
