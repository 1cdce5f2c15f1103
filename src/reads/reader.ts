// The read path for hot pages: Pothos' find arguments compiled to SQL (./compile.ts) and sent
// straight through the database driver, skipping Prisma's per-query compilation, which the
// profile put at a third of an article page's CPU. Prisma answers whatever the compiler declines.
import { compile, type Dialect, type FindArgs } from "./compile.js";
import { run, type Send } from "./run.js";

export interface Reader {
  /** Rows of `model` for `args`, or what `fallback` (the same Prisma call) returns. */
  findMany<T>(model: string, args: FindArgs, fallback: () => Promise<T[]>): Promise<T[]>;
  findFirst<T>(model: string, args: FindArgs, fallback: () => Promise<T | null>): Promise<T | null>;
}

export function createReader(options: { dialect: Dialect; send: Send; enabled?: boolean }): Reader {
  const { dialect, send, enabled = true } = options;
  const findMany = async <T>(model: string, args: FindArgs, fallback: () => Promise<T[]>): Promise<T[]> => {
    const statement = enabled ? compile(dialect, model, args) : null;
    if (!statement) return fallback();
    return (await run(statement, send, dialect)).rows as T[];
  };
  return {
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
