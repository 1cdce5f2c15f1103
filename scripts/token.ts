// `npm run token -- --role moderator --name Ana [--sub ana] [--expires 12h]`: a development token.
import { parseArgs } from "node:util";
import { ROLES } from "../src/auth.js";
import { loadConfig } from "../src/config.js";
import type { Role } from "../src/auth.js";
import { signToken } from "../src/tokens.js";

const { values } = parseArgs({
  options: {
    role: { type: "string", multiple: true, default: ["reader"] },
    name: { type: "string", default: "Dev Reader" },
    sub: { type: "string" },
    expires: { type: "string", default: "12h" },
  },
});
const roles = values.role.map((role) => role.toUpperCase());
const unknown = roles.filter((role) => !ROLES.includes(role as Role));
if (unknown.length > 0) {
  console.error(`unknown role ${unknown.join(", ")}; use ${ROLES.join(", ").toLowerCase()}`);
  process.exit(1);
}
const config = loadConfig();
if (!config.auth.secret) {
  console.error("no JWT_SECRET: tokens are signed with it (development uses a built-in secret unless NODE_ENV=production)");
  process.exit(1);
}
const token = await signToken({
  secret: config.auth.secret,
  subject: values.sub ?? values.name.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
  name: values.name,
  roles: roles as Role[],
  expiresIn: values.expires,
  issuer: config.auth.issuer,
  audience: config.auth.audience,
});
console.log(token);
console.error(`\nGraphiQL headers:\n${JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2)}`);
