// Writing authors: admins create, change and merge them. The sign-in link is `signInSubject` in
// the schema, which never names a user id (a privacy contract test holds it).
import { builder } from "../builder.js";
import { InvalidIdError, NotFoundError, ValidationError } from "../errors.js";
import { parseId } from "../ids.js";
import { authorProblems, createAuthor, updateAuthor } from "../newsroom/authors.js";
import type { Context } from "../context.js";
import { idOrNull, NAME_TEXT, PROSE_TEXT } from "../newsroom/inputs.js";
import { mergeRecords } from "../newsroom/merge.js";
import { Author } from "./author.js";
import { MergeInput } from "./source-mutations.js";

const describe = {
  slug: "Lowercase words joined by hyphens; made from the name when left out (suffixed -2, -3 ... when taken).",
  avatarUrl: "An absolute http(s) URL.",
  signInSubject: "The sign-in subject (a token's `sub`) of this author: their drafts are theirs to edit. Null to unlink. Never shown.",
};

const CreateAuthorInput = builder.inputType("CreateAuthorInput", {
  fields: (t) => ({
    name: t.string({ required: true, text: NAME_TEXT }),
    slug: t.string({ description: describe.slug }),
    bio: t.string({ text: PROSE_TEXT }),
    avatarUrl: t.string({ description: describe.avatarUrl, text: { maxLength: 2048 } }),
    signInSubject: t.string({ description: describe.signInSubject, text: { maxLength: 255 } }),
  }),
});

const UpdateAuthorInput = builder.inputType("UpdateAuthorInput", {
  description: "The fields to change; a field left out stays as it is, null clears it. The slug changes only when given.",
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string({ text: NAME_TEXT }),
    slug: t.string({ description: describe.slug }),
    bio: t.string({ text: PROSE_TEXT }),
    avatarUrl: t.string({ description: describe.avatarUrl, text: { maxLength: 2048 } }),
    signInSubject: t.string({ description: describe.signInSubject, text: { maxLength: 255 } }),
  }),
});

const AuthorPayload = builder.objectRef<{ id: number }>("AuthorPayload").implement({
  fields: (t) => ({
    author: t.prismaField({ type: Author, resolve: (query, payload, _args, ctx) => ctx.prisma.author.findUniqueOrThrow({ ...query, where: { id: payload.id } }) }),
  }),
});

const errors = { types: [ValidationError, NotFoundError, InvalidIdError] };

/** An author's own checks, beside refused text (src/input-rules.ts). */
const checkAuthorInput = (args: Record<string, unknown>, ctx: Context) => {
  const { id, signInSubject, ...input } = args.input as Record<string, unknown>;
  return authorProblems(ctx.prisma, idOrNull(id, "Author"), { ...input, userId: signInSubject } as never);
};

builder.mutationFields((t) => ({
  createAuthor: t.field({
    type: AuthorPayload,
    description: "Adds an author. Admins only.",
    authScopes: { admin: true },
    errors,
    checkInput: checkAuthorInput,
    args: { input: t.arg({ type: CreateAuthorInput, required: true }) },
    resolve: (_root, { input: { signInSubject, ...fields } }, ctx) => createAuthor(ctx, { ...fields, userId: signInSubject }),
  }),
  updateAuthor: t.field({
    type: AuthorPayload,
    description: "Changes an author's fields. Admins only.",
    authScopes: { admin: true },
    errors,
    checkInput: checkAuthorInput,
    args: { input: t.arg({ type: UpdateAuthorInput, required: true }) },
    resolve: (_root, { input: { id, signInSubject, ...fields } }, ctx) => updateAuthor(ctx, parseId(String(id), "Author"), { ...fields, userId: signInSubject }),
  }),
  mergeAuthors: t.field({
    type: AuthorPayload,
    description: "Folds a duplicate author into another: its bylines move to the survivor in their places, and its id resolves to the survivor. Admins only.",
    authScopes: { admin: true },
    errors,
    args: { input: t.arg({ type: MergeInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mergeRecords(ctx, { typename: "Author", survivorId: parseId(String(input.survivorId), "Author"), duplicateId: parseId(String(input.duplicateId), "Author") }),
  }),
}));
