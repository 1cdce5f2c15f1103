// The SQLite schema is the source of truth; the PostgreSQL schema is derived from it.
import { readFileSync } from "node:fs";

export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/postgresql/schema.prisma";
/** The datamodel that the committed migrations produce; the next migration is diffed from it. */
export const MIGRATED_SNAPSHOT = "prisma/migrated.prisma";

/** Derives the PostgreSQL schema: same models, its own client output, no Pothos types. */
export function postgresSchemaFrom(sqlite: string): string {
  const withoutPothos = sqlite.replace(/\ngenerator pothos \{[^}]*\}\n/, "\n");
  const header =
    "// GENERATED from prisma/schema.prisma by `npm run db:sync-schemas`: edit that file instead.\n";
  return (
    header +
    withoutPothos
      .replace(/^\/\/ Newsgraph data model[^\n]*\n(\/\/[^\n]*\n)*/, "")
      .replace(/(output\s*=\s*)"\.\.\/src\/generated\/prisma"/, '$1"../../src/generated/prisma-pg"')
      // PostgreSQL loads nested relations in one statement with LATERAL joins.
      .replace(/(importFileExtension\s*=\s*"js"\n)/, '$1  previewFeatures     = ["relationJoins"]\n')
      .replace(/provider = "sqlite"\n(\s*)url\s*= "[^"]*"/, 'provider = "postgresql"\n$1url      = "postgresql://localhost/newsgraph"')
  );
}

export function readSqliteSchema(): string {
  return readFileSync(SQLITE_SCHEMA, "utf8");
}
