import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  // One graphql instance: Node resolves `graphql` to its CommonJS build for the libraries,
  // so the tests' own imports must resolve to the same file, not to the .mjs build.
  resolve: { alias: { graphql: require.resolve("graphql") } },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/helpers/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: more workers only make the database-heavy suites contend.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
