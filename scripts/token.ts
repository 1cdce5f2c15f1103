// `npm run token -- --role moderator --name Ana [--sub ana] [--expires 12h]`: a token the server accepts.
import { parseArgs } from "node:util";
import { ROLES } from "../src/auth.js";
import { ConfigError, loadConfig, type Config } from "../src/config.js";
import { resolveSigningSecret } from "../src/startup/signing-secret.js";
import type { Role } from "../src/auth.js";
import { signToken } from "../src/tokens.js";

const USAGE = `usage: npm run token -- [--role ${ROLES.join("|").toLowerCase()} ...] [--name "Dev Reader"] [--sub subject] [--expires 12h]`;
let values: { role: string[]; name: string; sub?: string; expires: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      role: { type: "string", multiple: true, default: ["reader"] },
      name: { type: "string", default: "Dev Reader" },
      sub: { type: "string" },
      expires: { type: "string", default: "12h" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(1);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const roles = values.role.map((role) => role.toUpperCase());
const unknown = roles.filter((role) => !ROLES.includes(role as Role));
if (unknown.length > 0) {
  console.error(`unknown role ${unknown.join(", ")}; use ${ROLES.join(", ").toLowerCase()}`);
  process.exit(1);
}
let config: Config;
try {
  // The same secret the server signs in with: JWT_SECRET, or in development this data folder's own.
  config = resolveSigningSecret(loadConfig());
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`newsgraph: ${error.message}`);
  process.exit(1);
}
if (!config.auth.secret) {
  console.error(
    config.auth.jwksUrl
      ? "newsgraph: JWT_JWKS_URL is set, so tokens come from your identity provider, not from here"
      : `newsgraph: sign-in is off in ${config.env} mode (no JWT_SECRET, or SIGN_IN=false): set JWT_SECRET to sign tokens`,
  );
  process.exit(1);
}
const secret = config.auth.secret;
const token = await signToken({
  secret,
  subject: values.sub ?? values.name.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
  name: values.name,
  roles: roles as Role[],
  expiresIn: values.expires,
  issuer: config.auth.issuer,
  audience: config.auth.audience,
});
console.log(token);
console.error(`\nGraphiQL headers:\n${JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2)}`);
