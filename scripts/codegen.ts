// `npm run sdk`: generates the typed SDK documents from schema/schema.graphql and schema/operations.
import { writeFileSync } from "node:fs";
import { generateSdk, SDK_OUTPUT } from "./sdk-config.js";

writeFileSync(SDK_OUTPUT, await generateSdk());
console.log(`wrote ${SDK_OUTPUT}`);
