// Compiles the find arguments Pothos hands a resolver (select/include trees with where, orderBy,
// take, skip) into SQL. To-one relations of plain columns join their parent's statement. Other
// relations are, on PostgreSQL, correlated subqueries that build JSON (one statement for a whole
// article page); on SQLite, a statement each, with each parent's page cut by ROW_NUMBER().
// Relation counts, ordering by a to-one relation (nulls first or last), keyset pages in either
// direction and relation filters are covered; anything else is Declined with the reason, and
// Prisma answers it (the decision is ./reader.ts's).
import { decline, Declined } from "./declined.js";
import type { Dialect } from "./dialect.js";
import { selectFields } from "./fields.js";
import { clauses, inlineStatement, nestedStatement, rootStatement } from "./forms.js";
import { newLevel, type Link, type Scope } from "./level.js";
import { models, type ModelInfo } from "./models.js";
import type { FindArgs, Statement } from "./statement.js";

export type { FindArgs, Statement } from "./statement.js";

const ARGS = new Set(["select", "include", "where", "orderBy", "take", "skip", "relationLoadStrategy"]);

/** The statement for a read, or why it is left to Prisma. */
export function compile(dialect: Dialect, modelName: string, args: FindArgs): Statement | Declined {
  const model = models.get(modelName);
  if (!model) return new Declined("model");
  // PostgreSQL answers a whole tree in one statement (relations as correlated JSON subqueries);
  // SQLite runs in-process, where a statement per relation costs no round trip.
  const scope: Scope = { dialect, inline: dialect === "postgresql", aliases: 0 };
  try {
    return level(scope, model, args, null);
  } catch (error) {
    if (error instanceof Declined) return error;
    throw error;
  }
}

/** One model's statement: its arguments checked, its fields selected, its clauses, in its form. */
function level(scope: Scope, model: ModelInfo, args: FindArgs, link: Link | null): Statement {
  checkArguments(args);
  const built = newLevel(scope, model, link);
  selectFields(built, args, (target, nestedArgs, nestedLink) => level(scope, target, nestedArgs, nestedLink));
  const parts = clauses(built, args);
  if (!link) return rootStatement(built, parts);
  return link.outer ? inlineStatement(built, parts) : nestedStatement(built, parts);
}

/** Declines arguments the compiler does not read, and page sizes Prisma would refuse. */
function checkArguments(args: FindArgs): void {
  const unknown = Object.keys(args).find((key) => !ARGS.has(key) && args[key] !== undefined);
  if (unknown) decline(unknown === "cursor" ? "prisma cursor" : `argument ${unknown}`);
  const { take, skip = 0 } = args;
  if (take !== undefined && (!Number.isInteger(take) || take < 0)) decline("negative take");
  if (!Number.isInteger(skip) || skip < 0 || (skip > 0 && take === undefined)) decline("skip");
}
