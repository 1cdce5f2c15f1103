// Expected failures: each has a stable code and carries only user-safe fields.
// Mutations return them as schema types (errors plugin); queries surface them as GraphQL errors
// whose `extensions.code` is the same ErrorCode. Anything else is masked by Yoga.

/** Every `extensions.code` a client can receive, with what it means (printed in the schema). */
export const ERROR_CODE_DESCRIPTIONS = {
  NOT_FOUND: "The thing asked for does not exist or is not visible to you.",
  INVALID_ID: "An id is not a valid global id of the expected type.",
  INVALID_PAGINATION: "Page arguments out of range or a malformed cursor.",
  VALIDATION_FAILED: "An input field is invalid; `field` names the first and `problems` lists each with its path.",
  INVALID_TRANSITION: "The article's state does not allow this step (publishing a published article, deleting a published one): `status` says where it stands.",
  CONFLICT: "The write names a version that is no longer current (a colleague saved since): `currentVersion` says which is; reload and reapply.",
  UNAUTHENTICATED: "The token is missing where one is needed, invalid or expired.",
  FORBIDDEN: "The viewer may not do this.",
  PREVIEW_INVALID: "The preview token is expired, revoked, forged or for another article: ask the newsroom for a new link.",
  PREVIEWS_NOT_CONFIGURED: "This server signs sign-in tokens with a JWKS only: set PREVIEW_SECRET (32+ characters) to mint preview links.",
  COMMENTS_CLOSED: "The article no longer takes comments.",
  EDIT_WINDOW_EXPIRED: "The comment can no longer be edited.",
  THREAD_REMOVED: "A moderator removed the thread replied to; it takes no more replies.",
  RATE_LIMITED: "Too many writes too fast, from this user or this address; `retryAfterSeconds` says when to try again.",
  RESYNC_REQUIRED: "The live cursor cannot be replayed: refetch and resume.",
  OVERLOADED: "The server cannot take this write in time: retry after `extensions.retryAfterSeconds` (HTTP 503 with Retry-After).",
  TOO_MANY_CONNECTIONS: "This client address holds more open connections than the server allows (HTTP 429): close some and retry.",
  SUBSCRIBER_TOO_SLOW: "The subscriber fell too far behind the live events and was dropped: resubscribe with `after`.",
  BAD_REQUEST: "The HTTP request is malformed: its body, content type, method or parameters.",
  REQUEST_ENTITY_TOO_LARGE: "The request body is larger than the server accepts (HTTP 413).",
  GRAPHQL_PARSE_FAILED: "The operation is not valid GraphQL syntax.",
  GRAPHQL_VALIDATION_FAILED: "The operation does not validate against the schema.",
  BAD_USER_INPUT: "A variable's value does not fit its type.",
  OPERATION_RESOLUTION_FAILURE: "The request names no operation, or one its document does not hold.",
  PERSISTED_QUERY_NOT_FOUND: "A persisted query was asked for by a hash this server does not hold.",
  DEPTH_LIMIT_EXCEEDED: "The operation nests fields deeper than the server allows (QUERY_MAX_DEPTH).",
  ALIAS_LIMIT_EXCEEDED: "The operation uses more aliases than the server allows (QUERY_MAX_ALIASES).",
  DIRECTIVE_LIMIT_EXCEEDED: "The operation uses more directives than the server allows (QUERY_MAX_DIRECTIVES).",
  TOKEN_LIMIT_EXCEEDED: "The operation's text has more tokens than the server allows (QUERY_MAX_TOKENS).",
  COST_LIMIT_EXCEEDED: "The operation would load more than the server allows (QUERY_MAX_COST); page sizes multiply.",
  TRUSTED_DOCUMENTS_ONLY: "This server runs only its listed operations (TRUSTED_DOCUMENTS): send one by hash or exact text.",
  CSRF_HEADER_REQUIRED: "A request a browser form could send (form, multipart or text/plain body) needs the x-graphql-yoga-csrf header.",
  COMMENTER_BANNED: "The commenter is banned from commenting; `until` says when the ban ends, null if it does not.",
  COMMENTER_SUSPENDED: "The commenter is suspended from commenting until `until`.",
  IDEMPOTENCY_KEY_REUSED: "The idempotency key was already used for a different post by the same poster: use a new key for a new post.",
  SERVICE_UNAVAILABLE: "The database cannot answer right now (down, unreachable or overloaded); retry after the Retry-After seconds (HTTP 503).",
  INTERNAL_SERVER_ERROR: "An unexpected failure, logged on the server; its details are not shown.",
} as const;

export const ERROR_CODES = Object.keys(ERROR_CODE_DESCRIPTIONS) as (keyof typeof ERROR_CODE_DESCRIPTIONS)[];

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

/** Most characters of a refused id its message repeats: enough to recognise it, never the whole of an oversized one. */
const ID_SHOWN_CHARACTERS = 64;

export class InvalidIdError extends AppError {
  readonly code = "INVALID_ID";
  constructor(readonly id: string, expected?: string) {
    const characters = Array.from(id);
    const shown = characters.length > ID_SHOWN_CHARACTERS ? `${characters.slice(0, ID_SHOWN_CHARACTERS).join("")}…` : id;
    super(expected ? `"${shown}" is not a valid ${expected} id.` : `"${shown}" is not a valid global id.`);
  }
}

export class PaginationError extends AppError {
  readonly code = "INVALID_PAGINATION";
}

/** One bad input field: its path from the input's root (["blocks", "2", "url"]) and what is wrong. */
export interface FieldProblem {
  path: string[];
  message: string;
}

export class ValidationError extends AppError {
  readonly code = "VALIDATION_FAILED";
  /** Every problem found, the first of which `field` and the message name. */
  readonly problems: FieldProblem[];
  constructor(message: string, readonly field: string, problems?: FieldProblem[]) {
    super(message);
    this.problems = problems ?? [{ path: field.split("."), message }];
  }

  /** One error for a list of problems (at least one), named by the first. */
  static of(problems: FieldProblem[]): ValidationError {
    const first = problems[0]!;
    const message = problems.length === 1 ? first.message : `${first.message} (and ${problems.length - 1} more problem${problems.length === 2 ? "" : "s"})`;
    return new ValidationError(message, first.path.join("."), problems);
  }
}

export class ConflictError extends AppError {
  readonly code = "CONFLICT";
  constructor(readonly typename: string, readonly currentVersion: number) {
    super(`This ${typename.toLowerCase()} was changed since the version you edited: it is at version ${currentVersion} now. Reload it and apply your change again.`);
  }
}

export class UnauthenticatedError extends AppError {
  readonly code = "UNAUTHENTICATED";
}

export class ForbiddenError extends AppError {
  readonly code = "FORBIDDEN";
}

export class PreviewInvalidError extends AppError {
  readonly code = "PREVIEW_INVALID";
  constructor() {
    super("This preview link is expired, revoked or not valid.");
  }
}

export class PreviewsNotConfiguredError extends AppError {
  readonly code = "PREVIEWS_NOT_CONFIGURED";
  constructor() {
    super("Preview links need a signing secret: set PREVIEW_SECRET.");
  }
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

export class SubscriberTooSlowError extends AppError {
  readonly code = "SUBSCRIBER_TOO_SLOW";
  constructor() {
    super("The subscriber fell too far behind the live events; resubscribe with `after` to resume.");
  }
}

export class RateLimitedError extends AppError {
  readonly code = "RATE_LIMITED";
  constructor(readonly retryAfterSeconds: number) {
    super(`Writing too fast: try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`);
  }
}

// Commenter moderation: the message names no address or reason, since errors are public.
export class CommenterBannedError extends AppError {
  readonly code = "COMMENTER_BANNED";
  constructor(readonly until: Date | null) {
    super(until ? `You are banned from commenting until ${until.toISOString()}.` : "You are banned from commenting.");
  }
}

export class CommenterSuspendedError extends AppError {
  readonly code = "COMMENTER_SUSPENDED";
  constructor(readonly until: Date) {
    super(`Your commenting is suspended until ${until.toISOString()}.`);
  }
}

export class ServiceUnavailableError extends AppError {
  readonly code = "SERVICE_UNAVAILABLE";
  constructor() {
    super("The service cannot reach its database right now; retry shortly.");
  }
}

export class IdempotencyKeyReusedError extends AppError {
  readonly code = "IDEMPOTENCY_KEY_REUSED";
  constructor() {
    super("This idempotency key was already used for a different post; use a new key for a new post.");
  }
}

export class OverloadedError extends AppError {
  readonly code = "OVERLOADED";
  constructor(readonly retryAfterSeconds: number) {
    super(`The server is busy; retry in ${retryAfterSeconds} s.`);
  }
}

export class InvalidTransitionError extends AppError {
  readonly code = "INVALID_TRANSITION";
  constructor(readonly status: string, message: string) {
    super(message);
  }
}
