// graphql-jit builds a field's `info.path` afresh, link by link, each time it calls the field's
// resolver, where graphql-js hands every field of a row the same links above it. Pothos' Prisma
// plugin finds what a parent loaded for its children by those links' identity, so under
// graphql-jit it would miss, and load each row again. This plugin gives every such resolver the
// one link per response path its request has seen, so both executors load alike.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from "@pothos/core";
import type { GraphQLFieldResolver, GraphQLResolveInfo } from "graphql";
import { returnsLeaf } from "../field-types.js";

type Path = GraphQLResolveInfo["path"];
/** A link the request has seen, with the links seen beneath it. */
type Link = Path & { readonly children: Map<string | number, Link> };

/** The request's first links, by key, kept on its context: a property is cheaper than a WeakMap entry per request. */
const ROOTS = Symbol("responsePaths");
type WithRoots = { [ROOTS]?: Map<string | number, Link> };

/** Takes a request's root links and a path; gives the link the request holds for that path, made the first time. */
export function sharedPath(roots: Map<string | number, Link>, path: Path): Link {
  const prev = path.prev ? sharedPath(roots, path.prev) : undefined;
  const siblings = prev ? prev.children : roots;
  let link = siblings.get(path.key);
  if (!link) siblings.set(path.key, (link = { key: path.key, prev, typename: path.typename, children: new Map() }));
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
      const request = context as WithRoots;
      // graphql-jit makes a new info for every call, so it is this call's own to change.
      (info as { path: Path }).path = sharedPath((request[ROOTS] ??= new Map()), info.path);
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
