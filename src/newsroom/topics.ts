// Creating and changing topics (admins only, by the schema's scopes).
import type { Context } from "../context.js";
import { NotFoundError, type FieldProblem } from "../errors.js";
import { writeArticles } from "../articles/transaction.js";
import type { Tx } from "../events/record.js";
import { TOPIC_TYPES } from "./cached-types.js";
import { Problems, problemsOf } from "./inputs.js";
import { recordSlug } from "./record-slugs.js";

/** A topic's writable fields: undefined leaves a field as it is, null clears it. */
export interface TopicFields {
  name?: string | null;
  slug?: string | null;
  description?: string | null;
}

/** Creates a topic, its slug made from the name unless given; gives its id. Throws ValidationError listing every bad field. */
export async function createTopic(ctx: Context, input: TopicFields & { name: string }): Promise<{ id: number }> {
  const { result } = await writeArticles(ctx, async (tx, log) => {
    const data = await topicData(tx, null, input);
    const row = await tx.topic.create({ data: { ...data, name: input.name, slug: data.slug! }, select: { id: true } });
    log.touched(...TOPIC_TYPES);
    return row;
  });
  return result;
}

/** Changes a topic's fields (the slug only when given); gives its id. Throws NotFoundError or ValidationError. */
export async function updateTopic(ctx: Context, id: number, input: TopicFields): Promise<{ id: number }> {
  const { result } = await writeArticles(ctx, async (tx, log) => {
    if (!(await tx.topic.findUnique({ where: { id }, select: { id: true } }))) throw new NotFoundError("Topic");
    await tx.topic.update({ where: { id }, data: await topicData(tx, id, input) });
    log.touched(...TOPIC_TYPES);
    return { id };
  });
  return result;
}

/** Every problem of a topic's fields, read-only: the input checks beside refused text (src/input-rules.ts). */
export function topicProblems(db: Tx, id: number | null, input: TopicFields): Promise<FieldProblem[]> {
  return problemsOf(() => topicData(db, id, input));
}

async function topicData(tx: Tx, id: number | null, input: TopicFields) {
  const problems = new Problems();
  if (input.name === null) problems.add(["name"], "A topic needs a name.");
  const slug = await recordSlug(tx, { model: "topic", id, given: input.slug, name: input.name, problems });
  problems.throwIfAny();
  return {
    ...(input.name != null && { name: input.name }),
    ...(slug !== undefined && { slug }),
    ...(input.description !== undefined && { description: input.description }),
  };
}
