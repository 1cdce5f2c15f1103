// What a Pothos field returns, as the plugins that wrap resolvers ask it.
import type { BuildCache, PothosOutputFieldConfig, SchemaTypes } from "@pothos/core";

/** Takes the builder's cache and a field; gives whether it returns a scalar or an enum (or a list of them). */
export function returnsLeaf<Types extends SchemaTypes>(buildCache: BuildCache<Types>, fieldConfig: PothosOutputFieldConfig<Types>): boolean {
  const ref = fieldConfig.type.kind === "List" ? (fieldConfig.type.type as unknown as { ref: never }).ref : fieldConfig.type.ref;
  const kind = buildCache.getTypeConfig(ref).kind;
  return kind === "Scalar" || kind === "Enum";
}
