import { printSchema } from "graphql";
import { schema } from "./index.js";

/** The SDL as committed in schema/schema.graphql (already sorted by lexicographicSortSchema). */
export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}
