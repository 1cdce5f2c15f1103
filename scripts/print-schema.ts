// Writes schema/schema.graphql: the printed, sorted SDL that clients generate their code from.
import { writeFileSync } from "node:fs";
import { printedSchema } from "../src/schema/print.js";

writeFileSync("schema/schema.graphql", printedSchema());
console.log("wrote schema/schema.graphql");
