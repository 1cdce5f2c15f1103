// What the compiler takes (the find arguments Pothos hands a resolver) and gives: a statement
// tree, each statement with its SQL, parameters, and where each column of a row goes.

/** Prisma's find arguments, as far as the compiler reads them. */
export interface FindArgs {
  select?: Record<string, unknown>;
  include?: Record<string, unknown>;
  where?: Record<string, unknown>;
  orderBy?: unknown;
  take?: number;
  skip?: number;
  [key: string]: unknown;
}

/** A column of a statement's result and where its value goes in the row object. */
export interface Column {
  /** The joined to-one relation holding the value, or null for the row itself. */
  join: string | null;
  key: string;
  /** A Prisma scalar type, `enum`, or `relation` for a relation read inline as JSON. */
  type: string;
  /** For `relation`: the shape of the rows inside the JSON, and whether there is a list of them. */
  nested?: Statement;
  list?: boolean;
  /** Read for matching children to their parent, or a join's presence, and left out of the row. */
  hidden?: boolean;
}

/** A relation loaded by a statement of its own: its rows whose `parentKey` equals the parent's `on`. */
export interface Child {
  key: string;
  list: boolean;
  on: string;
  /** The parent's column holding `on`. */
  onColumn: number;
  statement: Statement;
}

export interface Statement {
  sql: string;
  /** Values, and Bindings made from the read's values when it runs (./params.ts). */
  params: unknown[];
  columns: Column[];
  /** Joined to-one relations, and the column telling whether the target row exists. */
  joins: { key: string; presence: number }[];
  children: Child[];
  /** The column of this statement that children are matched to their parent on (nested statements only). */
  parentKey: number | null;
  /** For a nested (SQLite) statement, the same for a single parent (no window needed). */
  sqlOne: string | null;
  /** Nested statements take their parents' keys as the last parameter(s). */
  nested: boolean;
  /** Read instead when this statement returns no rows (./prefix.ts); its parameters are the first of this one's. */
  orElse?: Statement;
}

/** Where a nested SQLite statement lists its parents' keys, one placeholder each. */
export const PARENT_KEYS = "/* parent keys */";
