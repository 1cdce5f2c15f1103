import { isStorableDate } from "../dates.js";
import { MAX_ROW_ID } from "../ids.js";
import { GraphQLError, Kind } from "graphql";
import { builder } from "../builder.js";

builder.scalarType("DateTime", {
  description: "An instant, as an ISO-8601 string in UTC.",
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString()),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : null),
});

/** An ISO-8601 instant of year 1 to 9999; anything else is a GraphQL error (BAD_USER_INPUT) naming the range. */
function parseDate(value: unknown): Date {
  const date = typeof value === "string" ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new GraphQLError("DateTime must be an ISO-8601 string.");
  if (!isStorableDate(date)) {
    throw new GraphQLError("DateTime must fall in the years 1 to 9999.");
  }
  return date;
}

builder.scalarType("Cursor", {
  description: "A position in the comment activity stream; pass it as `after` to resume a subscription.",
  serialize: (position) => Buffer.from(`event:${Number(position)}`).toString("base64url"),
  parseValue: (value) => parsePosition(value),
  parseLiteral: (ast) => parsePosition(ast.kind === Kind.STRING ? ast.value : null),
});

function parsePosition(value: unknown): number {
  const decoded = typeof value === "string" ? Buffer.from(value, "base64url").toString() : "";
  const match = /^event:(0|[1-9][0-9]{0,15})$/.exec(decoded);
  if (!match || Number(match[1]) > MAX_ROW_ID) throw new GraphQLError("Cursor is not a cursor this API gave out.", { extensions: { code: "INVALID_PAGINATION" } });
  return Number(match[1]);
}
