// Writing topics: admins create, change and merge them.
import { builder } from "../builder.js";
import { InvalidIdError, NotFoundError, ValidationError } from "../errors.js";
import { parseId } from "../ids.js";
import { idOrNull, NAME_TEXT, PROSE_TEXT } from "../newsroom/inputs.js";
import type { Context } from "../context.js";
import { mergeRecords } from "../newsroom/merge.js";
import { createTopic, topicProblems, updateTopic } from "../newsroom/topics.js";
import { MergeInput } from "./source-mutations.js";
import { Topic } from "./topic.js";

const slugDescription = "Lowercase words joined by hyphens; made from the name when left out (suffixed -2, -3 ... when taken).";

const CreateTopicInput = builder.inputType("CreateTopicInput", {
  fields: (t) => ({
    name: t.string({ required: true, text: NAME_TEXT }),
    slug: t.string({ description: slugDescription }),
    description: t.string({ text: PROSE_TEXT }),
  }),
});

const UpdateTopicInput = builder.inputType("UpdateTopicInput", {
  description: "The fields to change; a field left out stays as it is, null clears it. The slug changes only when given.",
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string({ text: NAME_TEXT }),
    slug: t.string({ description: slugDescription }),
    description: t.string({ text: PROSE_TEXT }),
  }),
});

const TopicPayload = builder.objectRef<{ id: number }>("TopicPayload").implement({
  fields: (t) => ({
    topic: t.prismaField({ type: Topic, resolve: (query, payload, _args, ctx) => ctx.prisma.topic.findUniqueOrThrow({ ...query, where: { id: payload.id } }) }),
  }),
});

const errors = { types: [ValidationError, NotFoundError, InvalidIdError] };

/** A topic's own checks, beside refused text (src/input-rules.ts). */
const checkTopicInput = (args: Record<string, unknown>, ctx: Context) => {
  const { id, ...input } = args.input as Record<string, unknown>;
  return topicProblems(ctx.prisma, idOrNull(id, "Topic"), input as never);
};

builder.mutationFields((t) => ({
  createTopic: t.field({
    type: TopicPayload,
    description: "Adds a topic. Admins only.",
    authScopes: { admin: true },
    errors,
    checkInput: checkTopicInput,
    args: { input: t.arg({ type: CreateTopicInput, required: true }) },
    resolve: (_root, { input }, ctx) => createTopic(ctx, input),
  }),
  updateTopic: t.field({
    type: TopicPayload,
    description: "Changes a topic's fields. Admins only.",
    authScopes: { admin: true },
    errors,
    checkInput: checkTopicInput,
    args: { input: t.arg({ type: UpdateTopicInput, required: true }) },
    resolve: (_root, { input: { id, ...fields } }, ctx) => updateTopic(ctx, parseId(String(id), "Topic"), fields),
  }),
  mergeTopics: t.field({
    type: TopicPayload,
    description: "Folds a duplicate topic into another: its articles move to the survivor, and its id resolves to the survivor. Admins only.",
    authScopes: { admin: true },
    errors,
    args: { input: t.arg({ type: MergeInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mergeRecords(ctx, { typename: "Topic", survivorId: parseId(String(input.survivorId), "Topic"), duplicateId: parseId(String(input.duplicateId), "Topic") }),
  }),
}));
