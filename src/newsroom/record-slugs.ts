// The slug of an author or topic being written: the one given (checked, and refused when another
// record holds it), or one made from the name (suffixed until unique).
import type { Tx } from "../events/record.js";
import type { Problems } from "./inputs.js";
import { slugify, uniqueSlug } from "../slugs.js";
import { checkSlug } from "./slugs.js";

/** The models keyed by a slug here. */
export type SlugModel = "author" | "topic";

/** Slugs of `model` that start with `prefix`, other than record `exceptId`'s. */
function takenSlugs(tx: Tx, model: SlugModel, exceptId: number | null) {
  return async (prefix: string) => {
    const where = { slug: { startsWith: prefix }, ...(exceptId !== null && { id: { not: exceptId } }) };
    const rows = model === "author" ? await tx.author.findMany({ where, select: { slug: true } }) : await tx.topic.findMany({ where, select: { slug: true } });
    return rows.map((row) => row.slug);
  };
}

/**
 * The slug to store, or undefined to keep the current one (an update that names none). Notes a
 * problem at ["slug"] when a given slug is malformed or held by another record.
 */
export async function recordSlug(
  tx: Tx,
  options: { model: SlugModel; id: number | null; given: string | null | undefined; name: string | null | undefined; problems: Problems },
): Promise<string | undefined> {
  const { model, id, given, name, problems } = options;
  const taken = takenSlugs(tx, model, id);
  if (given != null) {
    checkSlug(problems, given, ["slug"]);
    if ((await taken(given)).includes(given)) problems.add(["slug"], `The slug "${given}" is taken.`);
    return given;
  }
  if (id !== null || !name) return undefined;
  return uniqueSlug({ base: slugify(name, model), taken });
}
