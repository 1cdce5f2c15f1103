import { randomBytes } from "node:crypto";
import type { Role } from "../../src/auth.js";
import { signToken } from "../../src/tokens.js";

/** The HS256 secret of test apps: random per test process, so no secret in the code signs anyone in. */
export const TEST_JWT_SECRET = randomBytes(32).toString("base64url");

/** An Authorization header value for a user with the given roles. */
export async function bearer(options: { name?: string; subject?: string; roles?: Role[]; expiresIn?: string | number; secret?: string } = {}) {
  const name = options.name ?? "Test Reader";
  const token = await signToken({
    secret: options.secret ?? TEST_JWT_SECRET,
    subject: options.subject ?? name.toLowerCase().replace(/\W+/g, "-"),
    name,
    roles: options.roles ?? ["READER"],
    expiresIn: options.expiresIn,
  });
  return `Bearer ${token}`;
}

export const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64url");

/** A clock the test moves by hand. */
export function manualClock(start = new Date("2026-11-20T12:00:00Z")) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}
