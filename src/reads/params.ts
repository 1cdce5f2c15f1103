// A read's values as parameters. The statement cache keys a read by its shape (./shape.ts): the
// values inside its `where`s become slots, and a compiled statement holds, for each parameter,
// either a value or how to make it from a slot's value. Binding a read's values to a statement
// converts them as the column needs (dates, booleans, LIKE patterns), and a value that cannot be
// one (an invalid date) declines the read to Prisma before any statement is sent.
import type { Dialect } from "./dialect.js";

/** Where a value of the read's `where` goes: the index in the values `shapeOf` collected, and its kind. */
export class Slot {
  constructor(
    readonly index: number,
    /** `string`, `number`, `boolean` or `date`: the compiler's choices depend on no more. */
    readonly kind: string,
  ) {}
}

/** A parameter made at run time from a slot's value; `convert` throws Declined for a bad one. */
export class Binding {
  constructor(
    readonly slot: number,
    readonly convert: (value: unknown) => unknown,
  ) {}
}

/** The parameters of a statement tree, filled as its SQL is written; returns each placeholder. */
export class Params {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: Dialect) {}
  add(value: unknown): string {
    this.values.push(value);
    return this.dialect === "postgresql" ? `$${this.values.length}` : "?";
  }
}

/**
 * `convert(raw)` now for a value, or later for a slot: the parameter for `raw` either way.
 * `convert` may throw Declined; for a slot, it throws when the read's values are bound.
 */
export function parameter(raw: unknown, convert: (value: unknown) => unknown): unknown {
  return raw instanceof Slot ? new Binding(raw.index, convert) : convert(raw);
}

/** `params` with each Binding made from the read's `values`. Throws Declined for a bad value. */
export function bind(params: readonly unknown[], values: readonly unknown[]): unknown[] {
  let bound: unknown[] | null = null;
  for (let index = 0; index < params.length; index++) {
    const param = params[index];
    if (!(param instanceof Binding)) continue;
    bound ??= params.slice();
    bound[index] = param.convert(values[param.slot]);
  }
  return bound ?? (params as unknown[]);
}
