// Evaluates a Prisma `where` on a row already in memory, for the subset the visibility rule is
// written in, so the rule the database applies and the one applied to a loaded row are one text.

/** Whether `row` satisfies `where` (AND, OR, NOT, equality, `in`, `gt`/`gte`/`lt`/`lte`, `not`). Throws when the row lacks a column the rule reads, or on an operator outside that subset. */
export function matches(where: object, row: Readonly<Record<string, unknown>>): boolean {
  for (const [key, condition] of Object.entries(where)) {
    if (condition === undefined) continue;
    if (key === "AND" || key === "OR" || key === "NOT") {
      const list = (Array.isArray(condition) ? condition : [condition]) as object[];
      const results = list.map((sub) => matches(sub, row));
      const ok = key === "AND" ? results.every(Boolean) : key === "OR" ? results.some(Boolean) : !results.some(Boolean);
      if (!ok) return false;
      continue;
    }
    if (!(key in row) || row[key] === undefined) throw new Error(`The row was loaded without "${key}", which the rule reads.`);
    if (!test(row[key], condition)) return false;
  }
  return true;
}

function test(value: unknown, condition: unknown): boolean {
  if (condition === null || typeof condition !== "object" || condition instanceof Date) return same(value, condition);
  for (const [op, operand] of Object.entries(condition)) {
    if (operand === undefined) continue;
    const ok =
      op === "equals" ? same(value, operand)
      : op === "not" ? !test(value, operand)
      : op === "in" ? (operand as unknown[]).some((item) => same(value, item))
      : op === "gt" ? compare(value, operand) > 0
      : op === "gte" ? compare(value, operand) >= 0
      : op === "lt" ? compare(value, operand) < 0
      : op === "lte" ? compare(value, operand) <= 0
      : unsupported(op);
    if (!ok) return false;
  }
  return true;
}

function same(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

function compare(a: unknown, b: unknown): number {
  if (a === null || b === null) return Number.NaN;
  const [x, y] = [a instanceof Date ? a.getTime() : a, b instanceof Date ? b.getTime() : b] as [number | string, number | string];
  return x < y ? -1 : x > y ? 1 : 0;
}

function unsupported(op: string): never {
  throw new Error(`The in-memory rule does not read the "${op}" filter.`);
}
