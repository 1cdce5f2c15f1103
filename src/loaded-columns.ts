// A column a row already carries is answered from the row. In select mode plugin-prisma wraps
// every exposed column so that a row loaded without it is reloaded; the wrapper looks the row's
// plan up by response path each time, which for a page of 20 articles was about 7% of the CPU
// of the request. A value that is there is the column's value (Prisma writes null, never undefined,
// for a selected empty column), so only a row that lacks it goes on to the plugin's reload.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from "@pothos/core";
import type { GraphQLFieldResolver } from "graphql";
import { models } from "./reads/models.js";

class LoadedColumnsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> {
    const column = exposedColumn(fieldConfig, this.buildCache.getTypeConfig(fieldConfig.parentType).extensions);
    if (!column) return resolver;
    return (parent, args, context, info) => {
      const value = (parent as Record<string, unknown>)[column];
      return value === undefined ? resolver(parent, args, context, info) : value;
    };
  }
}

/** The scalar column a field exposes unchanged (`t.exposeString("title")` and the like), if it is one. */
function exposedColumn<Types extends SchemaTypes>(fieldConfig: PothosOutputFieldConfig<Types>, typeExtensions: Readonly<Record<string, unknown>> | null | undefined): string | null {
  const { pothosPrismaVariant: column, pothosPrismaSelect: select } = fieldConfig.extensions ?? {};
  const model = models.get(typeExtensions?.pothosPrismaModel as string);
  if (fieldConfig.kind !== "PrismaObject" || typeof column !== "string" || !model?.scalars.has(column)) return null;
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
