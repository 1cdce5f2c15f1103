// Page sizes for every connection: 20 by default, at most 100, and a typed error beyond that or
// when `first` and `last` come together. A small Pothos plugin checks every field that takes both,
// so no connection (root, related or custom) can forget the rule.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from "@pothos/core";
import type { GraphQLFieldResolver } from "graphql";
import { PaginationError } from "../errors.js";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function checkPageSize(args: { first?: unknown; last?: unknown }): void {
  if (args.first != null && args.last != null) {
    throw new PaginationError('Ask for "first" or "last", not both.');
  }
  for (const name of ["first", "last"] as const) {
    const value = args[name];
    if (typeof value === "number" && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw new PaginationError(`"${name}" must be between 0 and ${MAX_PAGE_SIZE}; got ${value}.`);
    }
  }
}

/** Whether a field is a connection, as this API defines one for its rules: it takes both `first` and `last`. */
export function isConnectionField(fieldConfig: { args: Record<string, unknown> }): boolean {
  return "first" in fieldConfig.args && "last" in fieldConfig.args;
}

class PageSizePlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> {
    if (!isConnectionField(fieldConfig)) return resolver;
    return (parent, args, context, info) => {
      checkPageSize(args);
      return resolver(parent, args, context, info);
    };
  }
}

SchemaBuilder.registerPlugin("pageSize", PageSizePlugin);

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      pageSize: PageSizePlugin<Types>;
    }
  }
}
