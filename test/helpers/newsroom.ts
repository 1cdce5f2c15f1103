// Newsroom roles for the write suites: a token per role, and how a mutation's answer reads.
import type { Role } from "../../src/auth.js";
import type { TestApp } from "./app.js";
import { bearer } from "./auth.js";

/** Every way a request can come: anonymously, then as each role. */
export const ASKERS = ["anonymous", "READER", "AUTHOR", "EDITOR", "MODERATOR", "ADMIN"] as const;
export type Asker = (typeof ASKERS)[number];

/** A header per asker (none for anonymous); each role signs in as `<role>-user`. */
export async function roleHeaders(): Promise<Record<Asker, Record<string, string>>> {
  const entries = await Promise.all(
    ASKERS.map(async (asker) => [asker, asker === "anonymous" ? {} : { authorization: await bearer({ name: `${asker} user`, subject: `${asker.toLowerCase()}-user`, roles: [asker as Role] }) }] as const),
  );
  return Object.fromEntries(entries) as Record<Asker, Record<string, string>>;
}

/** What a mutation answered: "ok" for its payload, else the error code (a typed error's or the GraphQL error's). */
export async function outcome(t: TestApp, query: string, options: { variables: Record<string, unknown>; headers: Record<string, string> }): Promise<string> {
  const response = await t.graphql(query, options);
  const field = response.data ? Object.values(response.data)[0] as { __typename?: string; code?: string } | null : null;
  if (response.errors?.length) return String(response.errors[0]!.extensions?.code ?? response.errors[0]!.message);
  if (field?.code) return field.code;
  return field?.__typename?.endsWith("Payload") ? "ok" : JSON.stringify(field);
}
