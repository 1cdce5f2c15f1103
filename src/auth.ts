// Sign-in: bearer JWTs verified with jose (an HS256 secret, or a JWKS URL), for HTTP and WebSocket.
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import type { Config } from "./config.js";
import type { Role, Viewer } from "./context.js";
import { UnauthenticatedError } from "./errors.js";

export const ROLES: readonly Role[] = ["READER", "AUTHOR", "EDITOR", "MODERATOR", "ADMIN"];

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
    const match = /^Bearer\s+([A-Za-z0-9_.-]+)$/.exec(authorization.trim());
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
  const roles = claimed.map((role) => String(role).toUpperCase()).filter((role): role is Role => ROLES.includes(role as Role));
  const name = typeof payload.name === "string" && payload.name.trim() !== "" ? payload.name.trim() : payload.sub;
  return { id: payload.sub, name, roles: roles.length > 0 ? roles : ["READER"] };
}
