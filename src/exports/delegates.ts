// The Prisma model delegates the export and import use, reached by model name.
import type { Db } from "../db.js";

/** A transaction's client (or the client itself): both reach the model delegates. */
export type Client = Db | Parameters<Parameters<Db["$transaction"]>[0]>[0];

type Row = Record<string, unknown>;

/** The calls the export and import make on one model, whatever its row type. */
export interface Delegate {
  findMany(args: { orderBy: Row[]; take: number; cursor?: Row; skip?: number }): Promise<Row[]>;
  findFirst(args: object): Promise<Row | null>;
  createMany(args: { data: Row[] }): Promise<{ count: number }>;
  update(args: { where: Row; data: Row }): Promise<Row>;
}

/** The delegate of `model` ("ArticleSlug" -> client.articleSlug). */
export function delegate(client: Client, model: string): Delegate {
  return (client as unknown as Record<string, Delegate>)[model[0]!.toLowerCase() + model.slice(1)]!;
}

/** A row's primary key as Prisma names it in a `where` or `cursor`: `{ id }` or `{ articleId_authorId: { ... } }`. */
export function keyOf(primaryKey: string[], row: Row): Row {
  if (primaryKey.length === 1) return { [primaryKey[0]!]: row[primaryKey[0]!] };
  return { [primaryKey.join("_")]: Object.fromEntries(primaryKey.map((name) => [name, row[name]])) };
}
