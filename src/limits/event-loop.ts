// Long operations share the thread: SQLite answers synchronously, and an operation made only of
// promises that are already settled never lets the event loop run timers or other sockets. Every
// field that returns objects checks how long its operation has held the thread; past a slice it
// first waits for the loop to turn, so /health and other requests get their turn.
import { setImmediate as loopTurn } from "node:timers/promises";
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from "@pothos/core";
import type { GraphQLFieldResolver } from "graphql";
import { returnsLeaf } from "../field-types.js";

/** How long one operation may hold the thread before it lets the loop turn. */
export const TIME_SLICE_MS = 10;

/** When an operation last let the loop turn, kept on its context: a property is cheaper than a WeakMap entry per request. */
const LAST_TURN = Symbol("lastTurn");
type Timed = { [LAST_TURN]?: number };

class EventLoopPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> {
    // Scalars resolve from a row already loaded: only fields that return objects are checked.
    if (returnsLeaf(this.buildCache, fieldConfig)) return resolver;
    return (parent, args, context, info) => {
      const timed = context as Timed;
      const now = performance.now();
      const since = timed[LAST_TURN];
      if (since === undefined) timed[LAST_TURN] = now;
      if (since === undefined || now - since < TIME_SLICE_MS) return resolver(parent, args, context, info);
      // Two turns: one, taken from an I/O callback, resumes in that same turn's check phase, before
      // any timer or socket has run; the second comes after them.
      return loopTurn().then(() => loopTurn()).then(() => {
        timed[LAST_TURN] = performance.now();
        return resolver(parent, args, context, info);
      });
    };
  }
}

SchemaBuilder.registerPlugin("eventLoop", EventLoopPlugin);

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      eventLoop: EventLoopPlugin<Types>;
    }
  }
}

