// The read path for hot pages: Pothos' find arguments compiled to SQL (./compile.ts) and sent
// straight through the database driver, skipping Prisma's per-query compilation, which the
// profile put at a third of an article page's CPU. Prisma answers whatever the compiler declines.
import { compile, type FindArgs, type Statement } from "./compile.js";
import type { Dialect } from "./dialect.js";
import { Declined } from "./declined.js";
import { bindAll, run, type Send } from "./run.js";
import { shapeOf, template, Unshaped } from "./shape.js";
import { LruMap } from "../lru.js";

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
  /** Compiled statements held in the cache now, one per shape of read. */
  readonly statements: number;
  /** Pages read from their candidates (./prefix.ts): answered by them, or left to the density statement. */
  candidates: { answered: number; density: number };
}

/** Compiled statements kept, one per shape of read; past this many the least recently used goes. */
const COMPILED = 1000;

/** A reader sending compiled SQL through `send`; with `enabled` false, every read goes to Prisma. */
export function createReader(options: { dialect: Dialect; send: Send; enabled?: boolean }): Reader {
  const { dialect, send, enabled = true } = options;
  const statements = new StatementCache(dialect);
  const counts: ReadCounts = {
    compiled: 0,
    fallbacks: new Map(),
    candidates: { answered: 0, density: 0 },
    get statements() {
      return statements.size;
    },
  };
  const fellBack = (model: string, reason: string) => {
    let reasons = counts.fallbacks.get(model);
    if (!reasons) counts.fallbacks.set(model, (reasons = new Map()));
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  };
  // The one place a read is decided: compiled SQL, or Prisma with the reason counted.
  const findMany = async <T>(model: string, args: FindArgs, fallback: () => Promise<T[]>): Promise<T[]> => {
    const prepared = enabled ? statements.prepare(model, args) : new Declined("disabled");
    if (prepared instanceof Declined) {
      fellBack(model, prepared.reason);
      return fallback();
    }
    counts.compiled++;
    const { rows, answeredBy } = await run(prepared.statement, prepared.bound, send, dialect);
    if (prepared.statement.orElse) counts.candidates[answeredBy === prepared.statement ? "answered" : "density"]++;
    return rows as T[];
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
 * Compiled statements by the shape of their read (./shape.ts), least recently used out: a page
 * asks for the same shape on every request, with other values, and the values are bound as
 * parameters, so ten thousand articles share one statement. A shape the compiler declines is
 * kept too, so it is not compiled again; a bad value declines when bound.
 */
class StatementCache {
  readonly #statements = new LruMap<string, Statement | Declined>(COMPILED);
  constructor(private readonly dialect: Dialect) {}

  get size(): number {
    return this.#statements.size;
  }

  /** The statement for a read with its parameters bound, or why it is left to Prisma. */
  prepare(model: string, args: FindArgs): { statement: Statement; bound: Map<Statement, unknown[]> } | Declined {
    let shape;
    try {
      shape = shapeOf(args);
    } catch (error) {
      if (!(error instanceof Unshaped)) throw error;
      return this.#bind(compile(this.dialect, model, args), []);
    }
    const key = `${model} ${shape.key}`;
    let statement = this.#statements.get(key);
    if (statement === undefined) this.#statements.set(key, (statement = compile(this.dialect, model, template(args) as FindArgs)));
    return this.#bind(statement, shape.values);
  }

  #bind(statement: Statement | Declined, values: unknown[]) {
    if (statement instanceof Declined) return statement;
    try {
      return { statement, bound: bindAll(statement, values) };
    } catch (error) {
      if (error instanceof Declined) return error;
      throw error;
    }
  }
}
