// Signs development tokens with the configured HS256 secret (scripts and tests).
import { SignJWT } from "jose";
import type { Role } from "./auth.js";

export async function signToken(options: {
  secret: string;
  subject: string;
  name: string;
  roles: Role[];
  expiresIn?: string | number;
  issuer?: string;
  audience?: string;
}): Promise<string> {
  let jwt = new SignJWT({ name: options.name, roles: options.roles })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(options.subject)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "12h");
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret));
}
