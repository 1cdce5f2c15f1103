// A column a row already carries is answered from the row. In select mode plugin-prisma wraps
// every field that selects columns (`t.exposeString("title")`, or `select: { body: true, status:
// true }` with a resolver) so that a row loaded without them is reloaded; the wrapper looks the
// row's plan up by response path each time, one of the largest costs of a page of rows. A value
// that is there is the column's value (Prisma writes null, never undefined, for a selected empty
// column), so only a row that lacks one goes on to the plugin's reload.
//
// Listed just outside PrismaPlugin. The plugins listed after it (Relay, page size, input rules,
// complexity, event loop) wrap only fields with arguments, root fields or fields returning
// objects, none of which is answered here, so the field's own resolver is what Prisma wraps.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from "@pothos/core";
import type { GraphQLFieldResolver } from "graphql";
import { models, type ModelInfo } from "./reads/models.js";

type Resolver<Types extends SchemaTypes> = GraphQLFieldResolver<unknown, Types["Context"], object>;

class LoadedColumnsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(resolver: Resolver<Types>, fieldConfig: PothosOutputFieldConfig<Types>): Resolver<Types> {
    const model = fieldConfig.kind === "PrismaObject" ? models.get(this.buildCache.getTypeConfig(fieldConfig.parentType).extensions?.pothosPrismaModel as string) : undefined;
    if (!model) return resolver;
    const column = exposedColumn(fieldConfig, model);
    if (column) {
      return (parent, args, context, info) => {
        const value = (parent as Record<string, unknown>)[column];
        return value === undefined ? resolver(parent, args, context, info) : value;
      };
    }
    const columns = this.scalarSelection(fieldConfig, model);
    const own = fieldConfig.resolve as Resolver<Types> | undefined;
    if (!columns || !own) return resolver;
    return (parent, args, context, info) => (carries(parent as Record<string, unknown>, columns) ? own(parent, args, context, info) : resolver(parent, args, context, info));
  }

  /** The columns a field without arguments, returning a scalar or an enum, selects when its `select` names columns only. */
  private scalarSelection(fieldConfig: PothosOutputFieldConfig<Types>, model: ModelInfo): readonly string[] | null {
    const select = fieldConfig.extensions?.pothosPrismaSelect;
    if (!select || typeof select !== "object" || Object.keys(fieldConfig.args).length > 0 || fieldConfig.type.kind === "List") return null;
    const returns = this.buildCache.getTypeConfig(fieldConfig.type.ref).kind;
    if (returns !== "Scalar" && returns !== "Enum") return null;
    const entries = Object.entries(select as Record<string, unknown>);
    if (entries.length === 0 || !entries.every(([name, value]) => value === true && model.scalars.has(name))) return null;
    return entries.map(([name]) => name);
  }
}

/** Whether `row` holds every one of `columns` (loaded, even when null). */
function carries(row: Record<string, unknown>, columns: readonly string[]): boolean {
  for (const column of columns) if (row[column] === undefined) return false;
  return true;
}

/** The scalar column a field exposes unchanged (`t.exposeString("title")` and the like), if it is one. */
function exposedColumn<Types extends SchemaTypes>(fieldConfig: PothosOutputFieldConfig<Types>, model: ModelInfo): string | null {
  const { pothosPrismaVariant: column, pothosPrismaSelect: select } = fieldConfig.extensions ?? {};
  if (typeof column !== "string" || !model.scalars.has(column)) return null;
  const selected = select && typeof select === "object" ? Object.keys(select) : [];
  return selected.length === 1 && selected[0] === column ? column : null;
}

SchemaBuilder.registerPlugin("loadedColumns", LoadedColumnsPlugin);

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      loadedColumns: LoadedColumnsPlugin<Types>;
    }
  }
}
