// The secret sign-in uses: JWT_SECRET, or in development one generated once per data folder, readable by its owner only.
import { randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, type Config } from "../config.js";

/** The project root (where package.json is), whether running from src/ or the built dist/. */
const root = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

/**
 * The configuration a server signs in with: in development without JWT_SECRET, `auth.secret` comes
 * from the development secret file (created on first use); in production a missing secret is a ConfigError.
 */
export function resolveSigningSecret(config: Config): Config {
  const { auth } = config;
  if (!auth.enabled || auth.secret || auth.jwksUrl) return config;
  if (auth.developmentSecretFile) {
    return { ...config, auth: { ...auth, secret: readOrCreateSecret(developmentSecretPath(auth.developmentSecretFile)) } };
  }
  if (config.env === "production") {
    throw new ConfigError(
      "JWT_SECRET is not set, and production mode signs no one in with a generated secret: set JWT_SECRET to 32+ random characters (openssl rand -base64 48), or JWT_JWKS_URL, or SIGN_IN=false to serve without sign-in",
    );
  }
  return config;
}

/** Where the development secret file is: relative paths are taken from the project root, as DATABASE_URL's are. */
export function developmentSecretPath(file: string): string {
  return isAbsolute(file) ? file : resolve(root, file);
}

function readOrCreateSecret(path: string): string {
  if (!existsSync(path)) createSecret(path);
  if (process.platform !== "win32" && (statSync(path).mode & 0o077) !== 0) {
    throw new ConfigError(`JWT_DEV_SECRET_FILE=${path} is readable by other users: chmod 600 it, or delete it to have a new one generated`);
  }
  const secret = readFileSync(path, "utf8").trim();
  if (secret.length < 32) {
    throw new ConfigError(`JWT_DEV_SECRET_FILE=${path} holds fewer than 32 characters: delete it to have a new one generated`);
  }
  return secret;
}

function createSecret(path: string): void {
  // Written whole under another name, then linked into place: a link never replaces a file, so two
  // processes starting together both end up with the first one's secret, and no one reads half of it.
  const draft = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(draft, `${randomBytes(48).toString("base64url")}\n`, { mode: 0o600 });
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
      throw new ConfigError(`JWT_DEV_SECRET_FILE=${path} cannot be written (${(error as Error).message}): point it at a writable folder, or set JWT_SECRET`);
    }
  } finally {
    rmSync(draft, { force: true });
  }
}
