// The read path for hot pages: Pothos' find arguments compiled to SQL (./compile.ts) and sent
// straight through the database driver, skipping Prisma's per-query compilation, which the
// profile put at a third of an article page's CPU. Prisma answers whatever the compiler declines.
import { compile, type FindArgs, type Statement } from "./compile.js";
import type { Dialect } from "./dialect.js";
import { Declined } from "./filters.js";
import { run, type Send } from "./run.js";

export interface Reader {
  /** Rows of `model` for `args`, or what `fallback` (the same Prisma call) returns. */
  findMany<T>(model: string, args: FindArgs, fallback: () => Promise<T[]>): Promise<T[]>;
  findFirst<T>(model: string, args: FindArgs, fallback: () => Promise<T | null>): Promise<T | null>;
  /** Reads answered by compiled SQL, and those left to Prisma by model and reason, for /metrics. */
  readonly counts: ReadCounts;
}

export interface ReadCounts {
  compiled: number;
  /** `model` → reason → reads; the reason is `disabled` with COMPILED_READS=false. */
  fallbacks: Map<string, Map<string, number>>;
}

/** Compiled statements kept, by their arguments; past this many the oldest goes. */
const COMPILED = 1000;

export function createReader(options: { dialect: Dialect; send: Send; enabled?: boolean }): Reader {
  const { dialect, send, enabled = true } = options;
  const compiled = compiledCache(dialect);
  const counts: ReadCounts = { compiled: 0, fallbacks: new Map() };
  const fellBack = (model: string, reason: string) => {
    let reasons = counts.fallbacks.get(model);
    if (!reasons) counts.fallbacks.set(model, (reasons = new Map()));
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  };
  const findMany = async <T>(model: string, args: FindArgs, fallback: () => Promise<T[]>): Promise<T[]> => {
    const statement = enabled ? compiled(model, args) : new Declined("disabled");
    if (statement instanceof Declined) {
      fellBack(model, statement.reason);
      return fallback();
    }
    counts.compiled++;
    return (await run(statement, send, dialect)).rows as T[];
  };
  return {
    counts,
    findMany,
    async findFirst<T>(model: string, args: FindArgs, fallback: () => Promise<T | null>) {
      const rows = await findMany<T>(model, { ...args, take: 1 }, async () => {
        const row = await fallback();
        return row === null ? [] : [row];
      });
      return rows[0] ?? null;
    },
  };
}

/**
 * `compile`, remembered by the arguments' JSON: a page asks for the same tree with the same values
 * on every request, and serialising the arguments costs a fraction of compiling them. A statement
 * holds its parameter values, so the values are part of the key, and the cache is bounded because
 * they come from clients. Arguments JSON cannot write (a BigInt) are compiled each time.
 */
function compiledCache(dialect: Dialect): (model: string, args: FindArgs) => Statement | Declined {
  const statements = new Map<string, Statement | Declined>();
  return (model, args) => {
    let key: string;
    try {
      key = `${model} ${JSON.stringify(args)}`;
    } catch {
      return compile(dialect, model, args);
    }
    let statement = statements.get(key);
    if (statement === undefined) {
      statement = compile(dialect, model, args);
      if (statements.size >= COMPILED) statements.delete(statements.keys().next().value!);
      statements.set(key, statement);
    }
    return statement;
  };
}
