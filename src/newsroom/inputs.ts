// Checks of newsroom input that the text rules cannot make (URLs, sizes, references), gathered so
// one ValidationError names every bad field at once.
import validator from "validator";
import { ValidationError, type FieldProblem } from "../errors.js";
import { parseId } from "../ids.js";
import type { TextRule } from "../text.js";

/** A record's display name: one line, no hidden characters. */
export const NAME_TEXT: TextRule = { kind: "name", required: true, maxLength: 200 };
/** A bio, description or caption: prose. */
export const PROSE_TEXT: TextRule = { kind: "multiline", maxLength: 5000 };
/** A quote as printed. */
export const QUOTE_TEXT: TextRule = { kind: "multiline", maxLength: 5000 };
/** The longest URL stored. */
export const MAX_URL = 2048;

/** Problems found in one input, thrown together. */
export class Problems {
  readonly list: FieldProblem[] = [];

  /** Notes a problem at `path` (["organizationId"], ["body", "2"]). */
  add(path: string[], message: string): void {
    this.list.push({ path, message });
  }

  /** Throws one ValidationError listing every problem noted, if any. */
  throwIfAny(): void {
    if (this.list.length > 0) throw ValidationError.of(this.list);
  }
}

/** The database id of an input's global `id` of `typename`, or null when absent or malformed (its own check reports it). */
export function idOrNull(value: unknown, typename: string): number | null {
  try {
    return value == null ? null : parseId(String(value), typename);
  } catch {
    return null;
  }
}

/** The problems a check throws as a ValidationError, or none: for listing them beside refused text without writing. */
export async function problemsOf(check: () => Promise<unknown>): Promise<FieldProblem[]> {
  try {
    await check();
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
}

/** Notes a problem unless `value` is an absolute http(s) URL with a host; null and undefined pass. */
export function checkHttpUrl(problems: Problems, value: string | null | undefined, path: string[]): void {
  if (value == null) return;
  const valid =
    value.length <= MAX_URL &&
    validator.isURL(value, { protocols: ["http", "https"], require_protocol: true, require_valid_protocol: true, require_host: true, allow_underscores: true });
  if (!valid) problems.add(path, "Must be an absolute http:// or https:// URL.");
}

/** Notes a problem unless `value` is a whole number from 1 to `max`; null and undefined pass. */
export function checkPositive(problems: Problems, value: number | null | undefined, path: string[], max = 100_000): void {
  if (value == null) return;
  if (!Number.isInteger(value) || value < 1 || value > max) problems.add(path, `Must be a whole number from 1 to ${max}.`);
}

/** An optional global id input as a database id: undefined stays undefined (unchanged), null stays null (cleared). Throws InvalidIdError. */
export function optionalId(value: string | number | null | undefined, typename: string): number | null | undefined {
  return value == null ? (value as null | undefined) : parseId(String(value), typename);
}
