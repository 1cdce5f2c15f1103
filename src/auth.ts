// Sign-in: who is asking. Bearer JWTs verified with jose (an HS256 secret, or a JWKS URL), for
// HTTP and WebSocket, and the edit keys a guest proves authorship of a comment with.
import { createHash } from "node:crypto";
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import type { Config } from "./config.js";
import { UnauthenticatedError } from "./errors.js";

export const ROLES = ["READER", "AUTHOR", "EDITOR", "MODERATOR", "ADMIN"] as const;

export type Role = (typeof ROLES)[number];

/** A signed-in user, from a verified bearer token. */
export interface Viewer {
  id: string;
  name: string;
  roles: Role[];
}

/** Who is asking: a signed-in viewer and/or the edit keys of comments posted as a guest. */
export interface Identity {
  viewer: Viewer | null;
  editKeys: string[];
  /** A guest's per-browser reaction key, when presented (see parseReactorKey). */
  reactorKey?: string | null;
}

/** Whether the viewer holds one of the roles; ADMIN holds them all. */
export function hasRole(viewer: Viewer | null, ...roles: Role[]): boolean {
  return !!viewer && (viewer.roles.includes("ADMIN") || roles.some((role) => viewer.roles.includes(role)));
}

/** SHA-256 (hex) of a guest's edit key: only the hash is stored. */
export function hashEditKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Edit keys from a header or connection parameter: a list, or a comma-separated string; malformed ones dropped, at most 100. */
export function parseEditKeys(value: unknown): string[] {
  const keys = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : [];
  return keys
    .filter((key): key is string => typeof key === "string")
    .map((key) => key.trim())
    .filter((key) => /^[A-Za-z0-9_-]{16,128}$/.test(key))
    .slice(0, 100);
}

/** A guest's reaction key from a header or connection parameter: 16 to 128 URL-safe characters, else null. */
export function parseReactorKey(value: unknown): string | null {
  const key = typeof value === "string" ? value.trim() : "";
  return /^[A-Za-z0-9_-]{16,128}$/.test(key) ? key : null;
}

export type Authenticator = (authorization: string | null | undefined) => Promise<Viewer | null>;

/** Returns a function from an Authorization header (or nothing) to the viewer it proves. */
export function createAuthenticator(auth: Config["auth"]): Authenticator {
  const key: Uint8Array | JWTVerifyGetKey | null = auth.jwksUrl
    ? createRemoteJWKSet(new URL(auth.jwksUrl))
    : auth.secret
      ? new TextEncoder().encode(auth.secret)
      : null;
  const options = {
    algorithms: auth.jwksUrl ? ["RS256", "ES256", "EdDSA"] : ["HS256"],
    ...(auth.issuer ? { issuer: auth.issuer } : {}),
    ...(auth.audience ? { audience: auth.audience } : {}),
  };

  return async (authorization) => {
    if (authorization == null || authorization === "") return null;
    // The scheme is case-insensitive (RFC 9110, 11.1).
    const match = /^Bearer\s+([A-Za-z0-9_.-]+)$/i.exec(authorization.trim());
    if (!match) throw new UnauthenticatedError("The Authorization header must be `Bearer <token>`.");
    if (!key) throw new UnauthenticatedError("Sign-in is not configured on this server.");
    let payload: JWTPayload;
    try {
      ({ payload } =
        typeof key === "function" ? await jwtVerify(match[1]!, key, options) : await jwtVerify(match[1]!, key, options));
    } catch (error) {
      throw new UnauthenticatedError(reason(error));
    }
    return viewerFrom(payload);
  };
}

function reason(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "The token has expired.";
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The token's "${error.claim}" claim is not accepted.`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "The token's signature does not verify.";
  return "The token is malformed.";
}

function viewerFrom(payload: JWTPayload): Viewer {
  if (typeof payload.sub !== "string" || payload.sub === "") throw new UnauthenticatedError("The token has no subject.");
  const claimed = Array.isArray(payload.roles) ? payload.roles : ["READER"];
  const roles = claimed.map((role) => String(role).toUpperCase()).filter((role): role is Role => (ROLES as readonly string[]).includes(role));
  const name = typeof payload.name === "string" && payload.name.trim() !== "" ? payload.name.trim() : payload.sub;
  return { id: payload.sub, name, roles: roles.length > 0 ? roles : ["READER"] };
}
