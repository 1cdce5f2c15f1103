// graphql-jit builds a field's `info.path` afresh, link by link, each time it calls the field's
// resolver, where graphql-js hands every field of a row the same links above it. Pothos' Prisma
// plugin finds what a parent loaded for its children by those links' identity, so under
// graphql-jit it would miss, and load each row again. This plugin gives every such resolver one
// link per response path, so both executors load alike.
//
// The links are kept per operation, across its requests: a path names a place in the answer, not a
// request's data, and Pothos' Prisma plugin keys what a request loaded in maps of that request's
// own. Links made per request were new keys in the plugin's long-lived weak map of path strings at
// every request, and its upkeep cost the young generation's collections more than the lookups.
// The operations' links are held to MAX_SHARED_LINKS in all, the least recently run let go first.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from "@pothos/core";
import type { GraphQLFieldResolver, GraphQLResolveInfo } from "graphql";
import { returnsLeaf } from "../field-types.js";

type Path = GraphQLResolveInfo["path"];
/** A link an operation's requests have seen, with the links seen beneath it. */
type Link = Path & { readonly children: Map<string | number, Link> };

/** One operation's links: its first ones by key, how many it holds, and whether they still count against the bound. */
interface Trie {
  readonly roots: Map<string | number, Link>;
  size: number;
  held: boolean;
}

/** How many links the operations may hold together; one request may pass it until the next begins. */
export const MAX_SHARED_LINKS = 20_000;
/** The operations' links, the least recently run first (a Map keeps insertion order). */
const tries = new Map<GraphQLResolveInfo["operation"], Trie>();
let sharedLinks = 0;

/** The links of the operation `info` belongs to, now the most recently run; made the first time. */
function trieOf(info: GraphQLResolveInfo): Trie {
  let trie = tries.get(info.operation);
  if (trie) tries.delete(info.operation);
  else trie = { roots: new Map(), size: 0, held: true };
  tries.set(info.operation, trie);
  for (const [operation, oldest] of tries) {
    if (sharedLinks <= MAX_SHARED_LINKS || oldest === trie) break;
    tries.delete(operation);
    // A request still running on it keeps its links, now its own.
    oldest.held = false;
    sharedLinks -= oldest.size;
  }
  return trie;
}

/** How many links the operations hold together. */
export function sharedLinkCount(): number {
  return sharedLinks;
}

/** The request's trie, kept on its context: a property is cheaper than a lookup per field. */
const TRIE = Symbol("responsePaths");
type WithTrie = { [TRIE]?: Trie };

/** Takes an operation's links and a path; gives the link it holds for that path, made the first time. */
export function sharedPath(trie: Trie, path: Path): Link {
  const prev = path.prev ? sharedPath(trie, path.prev) : undefined;
  const siblings = prev ? prev.children : trie.roots;
  let link = siblings.get(path.key);
  if (!link) {
    siblings.set(path.key, (link = { key: path.key, prev, typename: path.typename, children: new Map() }));
    trie.size++;
    if (trie.held) sharedLinks++;
  }
  return link;
}

class ResponsePathsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> {
    // A scalar that selects nothing of its own reads only its parent row: nothing looks its path up.
    if (returnsLeaf(this.buildCache, fieldConfig) && !fieldConfig.extensions?.pothosPrismaSelect) return resolver;
    return (parent, args, context, info) => {
      // graphql-js's links carry their parent type's name; graphql-jit's carry none, and are the ones to share.
      if (info.path.typename !== undefined || "children" in info.path) return resolver(parent, args, context, info);
      const request = context as WithTrie;
      // graphql-jit makes a new info for every call, so it is this call's own to change.
      (info as { path: Path }).path = sharedPath((request[TRIE] ??= trieOf(info)), info.path);
      return resolver(parent, args, context, info);
    };
  }
}

SchemaBuilder.registerPlugin("responsePaths", ResponsePathsPlugin);

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      responsePaths: ResponsePathsPlugin<Types>;
    }
  }
}
