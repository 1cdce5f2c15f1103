// Generators for the fuzz suite: hostile strings, ids and page sizes, GraphQL operations built from
// the schema itself (so every argument of every root field, current or future, gets them), broken
// request bodies and protocol-violating WebSocket messages.
import { NODE_TYPES as NODE_TYPES_OF_SCHEMA } from "../../src/ids.js";
import fc from "fast-check";
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from "graphql";
import { schema } from "../../src/schema/index.js";
import { globalId } from "./auth.js";

/** Strings that have broken text handling somewhere: invisible, reversed, stacked, unpaired, NUL. */
export const EDGE_STRINGS = [
  "", " ", "\u0000", "a\u0000b", "\ud800", "x\udfffy", "\u200b", "\u200b\u200c\u200d\u2060\ufeff", "\u3164", "\u115f\u1160\uffa0",
  "\u00ad\u034f", "\u0301\u0301", "\ufe0f", "\u202eevil\u202c", "\u2066a\u2069", "\u200e\u200f", "\u0007\u001b[31m", "\u0085\u009f",
  "a\r\nb", "\t", "Cafe\u0301", `Z${"\u0336".repeat(40)}`, "👨‍👩‍👧‍👦".repeat(50), "🇫🇷🏴󠁧󠁢󠁳󠁣󠁴󠁿", "\u{10ffff}", "\ufffe\uffff", "\u2028\u2029", "ﷺ",
  "İstanbul", "ß".repeat(300), "\u0130\u0131", "\\", "%", "_", "%_\\%", "'", '"', "`", "null", "undefined", "NaN", "-0", "1e309",
];

/** SQL and HTML an attacker would try in any string. */
export const INJECTIONS = [
  "' OR 1=1 --", "'; DROP TABLE \"Comment\"; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(5)", "' UNION SELECT email FROM \"Comment\" --",
  "%' AND 1=(SELECT COUNT(*) FROM sqlite_master) --", "\\'; --", "$1", "?", "'||(SELECT randomblob(1000000000))||'",
  "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "<svg/onload=alert(1)>", "\"><iframe src=//x>",
  "{{7*7}}", "${7*7}", "__proto__", "constructor", "{\"$gt\":\"\"}", "../../etc/passwd", "%00", "&#0;", "\u0000' OR 1=1",
];

const NODE_TYPES = [...NODE_TYPES_OF_SCHEMA];
const OTHER_TYPES = ["Foo", "Node", "Error", "Query", "Viewer", "Mention", "CommentEdit", "article", "", "Article:1"];

/** Ids that are not ids, ids of other types, and ids of nothing. */
export const badIds = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", " ", "1", "-1", "0", "null", "QXJ0aWNsZTox====", "QXJ0aWNsZTo", "%%%", "A".repeat(300)),
  fc
    .tuple(fc.constantFrom(...NODE_TYPES, ...OTHER_TYPES), fc.oneof(fc.integer(), fc.constantFrom("0", "1e3", "0x1", "9".repeat(40), "2147483648", "9007199254740993", "1 OR 1=1", " 1", "1\u0000")))
    .map(([type, id]) => globalId(type, id as number)),
);

const ints = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.constantFrom(-(2 ** 31), -1, 0, 1, 20, 100, 101, 1000, 2 ** 31 - 1),
);

/** What the leaves of generated arguments are drawn from. */
export interface Leaves {
  string: fc.Arbitrary<string>;
  id: fc.Arbitrary<string>;
  int: fc.Arbitrary<number>;
}

/** Ordinary values, for the arguments a category is not about. */
export function plainLeaves(safeIds: string[]): Leaves {
  return { string: fc.constantFrom("ministers", "geneva", "x", "A reader's comment."), id: fc.constantFrom(...safeIds), int: fc.constantFrom(1, 5, 20) };
}

function valueOf(type: GraphQLInputType, leaves: Leaves, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueOf(type.ofType, leaves, depth);
  if (isListType(type)) return fc.array(valueOf(type.ofType, leaves, depth), { maxLength: 3 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((value) => value.name));
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant(null);
    const fields = Object.values(type.getFields());
    const shape = Object.fromEntries(fields.map((field) => [field.name, valueOf(field.type, leaves, depth + 1)]));
    return fc.record(shape, { requiredKeys: fields.filter((field) => isNonNullType(field.type)).map((field) => field.name) });
  }
  switch (type.name) {
    case "ID":
      return leaves.id;
    case "Int":
      return leaves.int;
    case "Float":
      return fc.double();
    case "Boolean":
      return fc.boolean();
    default:
      return leaves.string;
  }
}

/** What a field's result is asked for: its type name, and the code of an expected failure. */
function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (!isCompositeType(type)) return "";
  const failures = isAbstractType(type) && schema.getPossibleTypes(type).some((member) => member.getInterfaces().some((i) => i.name === "Error"));
  return `{ __typename${failures ? " ... on Error { code message }" : ""} }`;
}

export interface Operation {
  query: string;
  variables: Record<string, unknown>;
}

/** One root field of `root`, with every argument generated from `leaves`, as a document and its variables. */
export function operations(root: "query" | "mutation" | "subscription", leaves: Leaves): fc.Arbitrary<Operation> {
  const type = { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() }[root] as GraphQLObjectType;
  const fields = Object.values(type.getFields());
  return fc.constantFrom(...fields).chain((field) =>
    fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, valueOf(arg.type, leaves, 0)])), { requiredKeys: field.args.filter((a) => isNonNullType(a.type)).map((a) => a.name) }).map((variables) => {
      const declared = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(", ");
      const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
      const query = `${root} Fuzz${declared ? `(${declared})` : ""} { result: ${field.name}${passed ? `(${passed})` : ""} ${selectionOf(field)} }`;
      return { query, variables };
    }),
  );
}

/** JSON for a value nested `depth` deep, as arrays or objects (written out: too deep for JSON.stringify). */
export function nestedJson(depth: number, asObject: boolean): string {
  return asObject ? `${'{"a":'.repeat(depth)}"x"${"}".repeat(depth)}` : `${"[".repeat(depth)}"x"${"]".repeat(depth)}`;
}

/** Request bodies that are not a GraphQL request: broken, truncated, mis-shaped or mis-encoded. */
export function brokenBodies(valid: string[]): fc.Arbitrary<string | Uint8Array> {
  return fc.oneof(
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.tuple(fc.constantFrom(...valid), fc.nat()).map(([body, cut]) => body.slice(0, cut % body.length)),
    fc.tuple(fc.constantFrom(...valid), fc.nat(), fc.string({ unit: "binary", minLength: 1, maxLength: 3 })).map(([body, at, bad]) => body.slice(0, at % body.length) + bad + body.slice((at % body.length) + 1)),
    fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? "null"),
    fc.record({ query: fc.anything({ maxDepth: 2 }), variables: fc.anything({ maxDepth: 2 }), operationName: fc.anything({ maxDepth: 1 }), extensions: fc.anything({ maxDepth: 2 }) }).map((value) => JSON.stringify(value)),
    fc.array(fc.constantFrom(...valid), { minLength: 1, maxLength: 4 }).map((bodies) => `[${bodies.join(",")}]`),
    fc.uint8Array({ maxLength: 200 }),
    fc.constantFrom("", "{", "}", "null", "[]", "{}", "\ufeff{}", '{"query":"{ __typename }"', '{"query":"{ __typename }"}}', '{"__proto__":{"query":"{ __typename }"}}'),
  );
}

/** Content types a client might send, right or wrong. */
export const contentTypes = fc.constantFrom(
  "application/json", "application/json; charset=utf-8", "application/graphql-response+json", "application/json; charset=utf-16",
  "text/plain", "application/x-www-form-urlencoded", "application/graphql", "multipart/form-data; boundary=x", "", "*/*",
);

const subscribeMessage = (id: unknown, payload: unknown) => JSON.stringify({ type: "subscribe", id, payload });

/** One message a graphql-transport-ws server must survive: malformed, out of order or mistyped. */
export const wsMessages: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 100 }),
  fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value) ?? "null"),
  fc.record({ type: fc.oneof(fc.string(), fc.constantFrom("connection_init", "subscribe", "complete", "next", "error", "pong", "connection_ack")), id: fc.anything({ maxDepth: 0 }), payload: fc.anything({ maxDepth: 2 }) }).map((value) => JSON.stringify(value)),
  fc.tuple(fc.oneof(fc.constant("1"), fc.anything({ maxDepth: 0 })), fc.record({ query: fc.oneof(fc.string(), fc.constantFrom("{ __typename }", "subscription { nope }", "subscription { moderationEvents { __typename } }")), variables: fc.anything({ maxDepth: 2 }) })).map(([id, payload]) => subscribeMessage(id, payload)),
  fc.constantFrom(JSON.stringify({ type: "connection_init" }), JSON.stringify({ type: "connection_init", payload: "x" }), JSON.stringify({ type: "complete", id: "nope" }), subscribeMessage("1", { query: "{ __typename }" }), subscribeMessage("1", null)),
  fc.uint8Array({ maxLength: 100 }),
);

export { ints as pageSizes };
