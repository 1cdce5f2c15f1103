// Writes prisma/postgresql/schema.prisma from prisma/schema.prisma.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { POSTGRES_SCHEMA, postgresSchemaFrom, readSqliteSchema } from "./prisma-schemas.js";

mkdirSync(dirname(POSTGRES_SCHEMA), { recursive: true });
writeFileSync(POSTGRES_SCHEMA, postgresSchemaFrom(readSqliteSchema()));
console.log(`wrote ${POSTGRES_SCHEMA}`);
