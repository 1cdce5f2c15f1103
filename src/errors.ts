// Expected failures: each has a stable code and carries only user-safe fields.
// Mutations return them as schema types (errors plugin); queries surface them as GraphQL errors
// whose `extensions.code` is the same ErrorCode. Anything else is masked by Yoga.

export const ERROR_CODES = [
  "NOT_FOUND",
  "INVALID_ID",
  "INVALID_PAGINATION",
  "VALIDATION_FAILED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "COMMENTS_CLOSED",
  "EDIT_WINDOW_EXPIRED",
  "THREAD_REMOVED",
  "RESYNC_REQUIRED",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;
}

export class NotFoundError extends AppError {
  readonly code = "NOT_FOUND";
  constructor(readonly typename: string) {
    super(`${typename} not found.`);
  }
}

export class InvalidIdError extends AppError {
  readonly code = "INVALID_ID";
  constructor(readonly id: string, expected?: string) {
    super(expected ? `"${id}" is not a valid ${expected} id.` : `"${id}" is not a valid global id.`);
  }
}

export class PaginationError extends AppError {
  readonly code = "INVALID_PAGINATION";
}

export class ValidationError extends AppError {
  readonly code = "VALIDATION_FAILED";
  constructor(message: string, readonly field: string) {
    super(message);
  }
}

export class UnauthenticatedError extends AppError {
  readonly code = "UNAUTHENTICATED";
}

export class ForbiddenError extends AppError {
  readonly code = "FORBIDDEN";
}

export class CommentsClosedError extends AppError {
  readonly code = "COMMENTS_CLOSED";
  constructor() {
    super("Comments are closed on this article.");
  }
}

export class EditWindowExpiredError extends AppError {
  readonly code = "EDIT_WINDOW_EXPIRED";
  constructor(readonly windowSeconds: number) {
    super(`Comments can be edited for ${Math.round(windowSeconds / 60)} minutes after posting.`);
  }
}

export class ThreadRemovedError extends AppError {
  readonly code = "THREAD_REMOVED";
  constructor() {
    super("A moderator removed this thread; it takes no more replies.");
  }
}
