// `node(id)` and `nodes(ids)`: the relay plugin's loading, with one step added. A merged source,
// author or topic keeps its global id, which resolves to the record it was merged into.
// Defined here rather than through the plugin's `nodeQueryOptions.resolve`: the `resolveNode`
// callback it hands over (plugin-relay 4.8) ignores the ids passed to it and loads the ones asked.
import { resolveNodes } from "@pothos/plugin-relay";
import type { GraphQLResolveInfo } from "graphql";
import { builder } from "../builder.js";
import type { Context } from "../context.js";
import { MERGEABLE_TYPES, survivorsOf } from "../newsroom/merged-ids.js";

type GlobalId = { typename: string; id: string };

/** The nodes of `ids`, in order; an id that finds nothing is retried as the survivor of a merge, if it was merged. */
async function loadNodes(ctx: Context, info: GraphQLResolveInfo, ids: GlobalId[]): Promise<unknown[]> {
  const nodes = await Promise.all(await resolveNodes(builder, ctx, info, ids));
  const missing = ids.flatMap((id, index) => (nodes[index] == null && MERGEABLE_TYPES.has(id.typename) ? [index] : []));
  if (missing.length === 0) return nodes;
  const retried: { index: number; id: GlobalId }[] = [];
  for (const typename of new Set(missing.map((index) => ids[index]!.typename))) {
    const indexes = missing.filter((index) => ids[index]!.typename === typename);
    const survivors = await survivorsOf(ctx.prisma, typename, indexes.map((index) => Number(ids[index]!.id)));
    for (const index of indexes) {
      const survivor = survivors.get(Number(ids[index]!.id));
      if (survivor !== undefined) retried.push({ index, id: { typename, id: String(survivor) } });
    }
  }
  const found = await Promise.all(await resolveNodes(builder, ctx, info, retried.map((entry) => entry.id)));
  retried.forEach((entry, position) => (nodes[entry.index] = found[position]));
  return nodes;
}

const NodeInterface = builder.nodeInterfaceRef();
const alwaysParse = { relayGlobalIDAlwaysParse: true };

builder.queryFields((t) => ({
  node: t.field({
    type: NodeInterface,
    nullable: true,
    args: { id: t.arg.globalID({ required: true, extensions: alwaysParse }) },
    resolve: async (_root, args, ctx, info) => (await loadNodes(ctx, info, [args.id]))[0] as never,
  }),
  nodes: t.field({
    type: [NodeInterface],
    nullable: { list: false, items: true },
    args: { ids: t.arg.globalIDList({ required: true, extensions: alwaysParse }) },
    resolve: (_root, args, ctx, info) => loadNodes(ctx, info, args.ids) as never,
  }),
}));
