// The schema side of src/errors.ts: an ErrorCode enum, an Error interface, one type per failure.
import type { ObjectFieldBuilder } from "@pothos/core";
import { builder } from "../builder.js";
import {
  AppError,
  CommenterBannedError,
  CommenterSuspendedError,
  CommentsClosedError,
  ConflictError,
  EditWindowExpiredError,
  ERROR_CODE_DESCRIPTIONS,
  ERROR_CODES,
  ForbiddenError,
  IdempotencyKeyReusedError,
  InvalidIdError,
  InvalidTransitionError,
  NotFoundError,
  PreviewInvalidError,
  PreviewsNotConfiguredError,
  RateLimitedError,
  UnauthenticatedError,
  ThreadRemovedError,
  ValidationError,
} from "../errors.js";

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

export const ErrorCode = builder.enumType("ErrorCode", {
  description: "Stable machine-readable codes; also set as `extensions.code` on GraphQL errors.",
  values: Object.fromEntries(ERROR_CODES.map((code) => [code, { description: ERROR_CODE_DESCRIPTIONS[code] }])),
});

export const ErrorInterface = builder.interfaceRef<AppError>("Error").implement({
  description: "An expected failure: its message is safe to show to a reader.",
  fields: (t) => ({
    message: t.exposeString("message"),
    code: t.field({ type: ErrorCode, resolve: (error) => error.code }),
  }),
});

function errorType<T extends AppError>(
  errorClass: new (...args: never[]) => T,
  fields: (t: ObjectFieldBuilder<Types, T>) => Record<string, unknown> = () => ({}),
) {
  builder.objectType(errorClass, {
    name: errorClass.name,
    interfaces: [ErrorInterface] as never,
    isTypeOf: (value) => value instanceof errorClass,
    fields: fields as never,
  });
}

errorType(NotFoundError, (t) => ({ typename: t.exposeString("typename") }));
errorType(InvalidIdError, (t) => ({ id: t.exposeString("id") }));
const FieldProblem = builder.objectRef<import("../errors.js").FieldProblem>("FieldProblem").implement({
  description: "One bad input field.",
  fields: (t) => ({
    path: t.exposeStringList("path", { description: "The field's path from the input's root, list positions as numbers: [\"body\", \"2\", \"url\"]." }),
    message: t.exposeString("message"),
  }),
});

errorType(ValidationError, (t) => ({
  field: t.exposeString("field", { description: "The input field at fault (the first, when there are several), as a dotted path." }),
  problems: t.field({ type: [FieldProblem], description: "Every bad field found, each with its path.", resolve: (error) => error.problems }),
}));
errorType(InvalidTransitionError, (t) => ({ status: t.exposeString("status", { description: "Where the article stands now." }) }));
errorType(ConflictError, (t) => ({
  typename: t.exposeString("typename"),
  currentVersion: t.exposeInt("currentVersion", { description: "The version now stored: reload it and reapply the change." }),
}));
errorType(UnauthenticatedError);
errorType(ForbiddenError);
errorType(PreviewInvalidError);
errorType(PreviewsNotConfiguredError);
errorType(CommentsClosedError);
errorType(EditWindowExpiredError, (t) => ({ windowSeconds: t.exposeInt("windowSeconds") }));
errorType(ThreadRemovedError);
errorType(RateLimitedError, (t) => ({ retryAfterSeconds: t.exposeInt("retryAfterSeconds", { description: "Seconds until a retry can succeed." }) }));
errorType(CommenterBannedError, (t) => ({
  until: t.field({ type: "DateTime", nullable: true, description: "When the ban ends; null: it does not.", resolve: (error) => error.until }),
}));
errorType(CommenterSuspendedError, (t) => ({
  // Nullable like the ban's, so one selection can ask both for `until`; a suspension always has one.
  until: t.field({ type: "DateTime", nullable: true, description: "When the suspension ends (always set).", resolve: (error) => error.until }),
}));
errorType(IdempotencyKeyReusedError);
