// The server as an operator starts it: `tsx src/main.ts` in a child process, with only the environment given.
import { spawn, execFile } from "node:child_process";
import { promisify } from "node:util";

/** A server process that came up (its URL and what it said) or exited (its code and output). */
export type Started =
  | { up: true; url: string; stdout: string; stderr: string; stop(): Promise<number | null> }
  | { up: false; code: number | null; stdout: string; stderr: string };

/** The environment of a clean shell: nothing from the test run (NODE_ENV, VITEST, TEST_*) leaks in. */
export function cleanEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LANG: "C.UTF-8", ...env };
}

/** Starts `src/main.ts`; resolves once it says where it serves, or when it exits first. */
export function startEntryPoint(env: Record<string, string>): Promise<Started> {
  const child = spawn("node_modules/.bin/tsx", ["src/main.ts"], { env: cleanEnv({ HOST: "127.0.0.1", PORT: "0", ...env }), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve) => {
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const url = /serving \w+ at (\S+)/.exec(stdout)?.[1];
      // The lines after "serving" are written in the same tick; wait for the end of the write.
      if (url) setImmediate(() => resolve({ up: true, url, get stdout() { return stdout; }, get stderr() { return stderr; }, stop }));
    });
    void exited.then((code) => resolve({ up: false, code, stdout, stderr }));
  });

  async function stop(): Promise<number | null> {
    child.kill("SIGTERM");
    return exited;
  }
}

/** Runs `npm run token -- <args>` as a developer would (the script itself, without npm); returns the token. */
export async function mintToken(env: Record<string, string>, args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)("node_modules/.bin/tsx", ["scripts/token.ts", ...args], { env: cleanEnv(env) });
  return stdout.trim();
}

/** Lines of output, without blank ones. */
export const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");
