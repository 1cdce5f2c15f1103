import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { openDatabase, type Database } from "../src/db.js";
import { ExportFormatError, ExportTargetError, NotEmptyError } from "../src/exports/errors.js";
import { exportAll } from "../src/exports/export.js";
import { importAll } from "../src/exports/import.js";
import { ALL_MODELS, LEFT_OUT, TABLES } from "../src/exports/tables.js";
import { TEST_JWT_SECRET, bearer, globalId } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { providers } from "./helpers/databases.js";
import { createEmptyTestDatabase } from "./helpers/empty-database.js";
import { cleanEnv } from "./helpers/entry-point.js";

const SLUG = "ministers-meet-in-geneva-as-border-talks-resume";
const ADD = `mutation ($input: AddCommentInput!) { addComment(input: $input) { __typename ... on AddCommentPayload { comment { id status } } ... on Error { code } } }`;
const MODERATE = `mutation ($input: ModerateCommentInput!) { moderateComment(input: $input) { __typename } }`;
const PAGE = `query ($slug: String!) { article(slug: $slug) { title version commentCount
  comments(first: 10) { totalCount nodes { id body authorName reactions { kind count } replies(first: 5) { nodes { id body replies(first: 5) { nodes { id body } } } } } } } }`;

it("exports every model of the schema, or leaves it out with a reason", () => {
  const exported = TABLES.map((table) => table.model);
  expect([...exported, ...Object.keys(LEFT_OUT)].sort()).toEqual([...ALL_MODELS].sort());
});

it("documents every exported file and each of its fields", async () => {
  const docs = await readFile("docs/export.md", "utf8");
  for (const table of TABLES) {
    const section = docs.split(`### \`${table.file}\``)[1]?.split("\n### ")[0];
    expect(section, table.file).toBeDefined();
    for (const column of table.columns) expect(section, `${table.file} ${column.name}`).toContain(`\`${column.name}\``);
  }
});

describe.each(providers)("export and re-import on %s", (provider) => {
  let t: TestApp;
  let work: string;
  let rejectedId: string;
  /** The export every test loads from, and its rows per file. */
  let first: string;
  let counts: Record<string, number>;
  beforeAll(async () => {
    t = await createTestApp({ provider });
    work = await mkdtemp(join(tmpdir(), "newsgraph-export-"));
    await addWhatTheSeedLacks();
    first = join(work, "first");
    counts = await exportAll(t.app.database, first);
  });
  afterAll(async () => {
    await t.close();
    await rm(work, { recursive: true, force: true });
  });

  /** A revision, a reply thread, a rejected comment with its moderation history, a reaction and a report. */
  async function addWhatTheSeedLacks() {
    const editor = { authorization: await bearer({ name: "Eda Editor", subject: "eda", roles: ["EDITOR"] }) };
    const moderator = { authorization: await bearer({ name: "Mona", subject: "mona", roles: ["MODERATOR"] }) };
    const reader = { authorization: await bearer({ name: "Rita", subject: "rita" }) };
    const article = await t.prisma.article.findUniqueOrThrow({ where: { slug: SLUG } });
    const articleId = globalId("Article", article.id);
    const updated = await t.graphql(`mutation ($id: ID!, $version: Int!) { updateArticle(input: { id: $id, version: $version, subtitle: "Talks resume in Geneva" }) { __typename } }`, {
      variables: { id: articleId, version: article.version },
      headers: editor,
    });
    expect(updated.data?.updateArticle.__typename).toBe("ArticlePayload");
    const post = async (body: string, parentId?: string) => {
      const { data } = await t.graphql(ADD, { variables: { input: { articleId, body, parentId, guest: { name: "Gül Şahin", email: "gul@example.org" } } } });
      expect(data.addComment.__typename).toBe("AddCommentPayload");
      return data.addComment.comment.id as string;
    };
    const top = await post("A question about the corridor.");
    const reply = await post("An answer to it.", top);
    await post("And a follow-up.", reply);
    rejectedId = await post("Something that breaks the rules.");
    expect((await t.graphql(MODERATE, { variables: { input: { id: rejectedId, decision: "REJECT", note: "abusive" } }, headers: moderator })).data?.moderateComment.__typename).toBe("CommentPayload");
    const react = await t.graphql(`mutation ($input: ReactionInput!) { react(input: $input) { __typename } }`, { variables: { input: { commentId: top, kind: "RESPECT" } }, headers: reader });
    expect(react.data?.react.__typename).toBe("ReactionPayload");
    const report = await t.graphql(`mutation ($input: ReportCommentInput!) { reportComment(input: $input) { __typename } }`, { variables: { input: { commentId: reply, reason: "OFF_TOPIC", text: "drifts" } }, headers: reader });
    expect(report.data?.reportComment.__typename).toBe("ReportCommentPayload");
  }

  /** A database and an app over it, as the server would run them. */
  async function appOver(url: string): Promise<App> {
    const env = { NODE_ENV: "test", DATABASE_URL: url, MIGRATE_ON_START: "false", SEED_DEMO_CONTENT: "false", RESPONSE_CACHE: "false", RATE_LIMITS: "false", JWT_SECRET: TEST_JWT_SECRET };
    return createApp({ config: loadConfig(env) });
  }
  const query = async (app: App, text: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const response = await app.yoga.fetch("http://newsgraph.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...headers },
      body: JSON.stringify({ query: text, variables }),
    });
    return (await response.json()) as { data?: any; errors?: unknown[] };
  };
  const filesOf = async (dir: string) => Object.fromEntries(await Promise.all((await readdir(dir)).sort().map(async (name) => [name, await readFile(join(dir, name), "utf8")] as const)));

  it("exports, imports into an empty database and exports again byte for byte, and the imported newsroom is served the same", async () => {
    expect(counts["comments.ndjson"]).toBe(await t.prisma.comment.count());
    expect(counts["article-revisions.ndjson"]).toBeGreaterThan(0);
    expect(counts["reactions.ndjson"]).toBe(1);
    expect(counts["reports.ndjson"]).toBe(1);
    expect(counts["moderation-actions.ndjson"]).toBeGreaterThan(0);

    const target = await createEmptyTestDatabase(provider);
    const imported = await appOver(target.url);
    try {
      expect(await importAll(imported.database, first)).toEqual(counts);
      const second = join(work, "second");
      await exportAll(imported.database, second);
      const [before, after] = [await filesOf(first), await filesOf(second)];
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const name of Object.keys(before)) {
        if (name === "manifest.json") expect({ ...JSON.parse(after[name]!), exportedAt: null }).toEqual({ ...JSON.parse(before[name]!), exportedAt: null });
        else expect(after[name], name).toBe(before[name]);
      }

      const original = await query(t.app, PAGE, { slug: SLUG });
      const served = await query(imported, PAGE, { slug: SLUG });
      expect(original.errors).toBeUndefined();
      expect(served).toEqual(original);
      expect(served.data.article.comments.nodes.length).toBeGreaterThan(0);
      expect(JSON.stringify(served)).toContain("And a follow-up.");
      expect(JSON.stringify(served)).not.toContain("Something that breaks the rules.");
      expect((await query(imported, `query ($id: ID!) { node(id: $id) { id } }`, { id: rejectedId })).data.node).toBeNull();
      const moderator = { authorization: await bearer({ name: "Mona", subject: "mona", roles: ["MODERATOR"] }) };
      const history = await query(imported, `query ($id: ID!) { node(id: $id) { ... on Comment { status email moderationLog { kind note } } } }`, { id: rejectedId }, moderator);
      expect(history.data.node).toEqual({ status: "REJECTED", email: "gul@example.org", moderationLog: [{ kind: "REJECT", note: "abusive" }] });
    } finally {
      await imported.close();
      await target.drop();
    }
  });

  it("refuses to import into a database that holds content, and to export into a directory that holds files unless forced", async () => {
    const dir = join(work, "refusals");
    await exportAll(t.app.database, dir);
    const articles = await t.prisma.article.count();
    await expect(importAll(t.app.database, dir)).rejects.toThrow(NotEmptyError);
    await expect(importAll(t.app.database, dir)).rejects.toThrow(/not empty \(it holds Author, Article/);
    expect(await t.prisma.article.count()).toBe(articles);
    await expect(exportAll(t.app.database, dir)).rejects.toThrow(/is not empty/);
    await expect(exportAll(t.app.database, dir, { force: true })).resolves.toMatchObject({ "articles.ndjson": articles });
    // Only their owner may read the files: they hold commenters' emails.
    expect((await stat(join(dir, "comments.ndjson"))).mode & 0o077).toBe(0);
    await expect(exportAll(t.app.database, join(dir, "manifest.json"))).rejects.toThrow(ExportTargetError);
  });

  it("reports a malformed line with its file and line number and writes nothing", async () => {
    const dir = join(work, "malformed");
    await cp(first, dir, { recursive: true });
    const file = join(dir, "comments.ndjson");
    const lines = (await readFile(file, "utf8")).split("\n");
    lines[2] = lines[2]!.replace(/"status":"\w+"/, `"status":"LOUD"`);
    await writeFile(file, lines.join("\n"));
    const target = await createEmptyTestDatabase(provider);
    const database = await openDatabase({ url: target.url });
    try {
      // One row per batch, so rows of the file are stored before the bad line is read.
      const failure = await importAll(database, dir, { batchSize: 1 }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ExportFormatError);
      expect((failure as Error).message).toMatch(/^comments\.ndjson:3: "status" must be one of PENDING, APPROVED/);
      lines[2] = "{not json";
      await writeFile(file, lines.join("\n"));
      await expect(importAll(database, dir)).rejects.toThrow(/^comments\.ndjson:3: not valid JSON/);
      for (const table of TABLES) expect(await rowsIn(database, table.model), table.model).toBe(0);
    } finally {
      await database.close();
      await target.drop();
    }
  });

  it.runIf(provider === "postgresql")("takes new articles and comments after an import, its id sequences moved past the imported ids", async () => {
    const target = await createEmptyTestDatabase(provider);
    const imported = await appOver(target.url);
    try {
      await importAll(imported.database, first);
      const highest = await imported.database.prisma.comment.findFirstOrThrow({ orderBy: { id: "desc" } });
      const article = await imported.database.prisma.article.findUniqueOrThrow({ where: { slug: SLUG } });
      const posted = await query(imported, ADD, { input: { articleId: globalId("Article", article.id), body: "Posted after the move.", guest: { name: "Nour", email: "nour@example.org" } } });
      expect(posted.data.addComment.__typename).toBe("AddCommentPayload");
      expect(posted.data.addComment.comment.id).toBe(globalId("Comment", highest.id + 1));
      const editor = { authorization: await bearer({ name: "Eda Editor", subject: "eda", roles: ["EDITOR"] }) };
      const created = await query(imported, `mutation { createArticle(input: { title: "After the move" }) { __typename ... on ArticlePayload { article { title } } } }`, {}, editor);
      expect(created.data.createArticle).toEqual({ __typename: "ArticlePayload", article: { title: "After the move" } });
    } finally {
      await imported.close();
      await target.drop();
    }
  });

  it.runIf(provider === "sqlite")("runs as npm run export and npm run import:newsgraph, and the import refuses a second run", async () => {
    const dir = join(work, "scripts");
    const run = (script: string, url: string) =>
      promisify(execFile)("node_modules/.bin/tsx", [script, dir], { env: cleanEnv({ DATABASE_URL: url }) }).then(
        ({ stdout }) => ({ code: 0, stdout, stderr: "" }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );
    const exported = await run("scripts/export.ts", t.app.config.databaseUrl);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/exported \d+ rows to .*personal data/);
    const target = await createEmptyTestDatabase(provider);
    try {
      const imported = await run("scripts/import-newsgraph.ts", target.url);
      expect(imported.stdout).toMatch(/imported \d+ rows/);
      const again = await run("scripts/import-newsgraph.ts", target.url);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/import failed, nothing was written: the database is not empty/);
    } finally {
      await target.drop();
    }
  });
});

const rowsIn = async (database: Database, model: string) =>
  (database.prisma as unknown as Record<string, { count(): Promise<number> }>)[model[0]!.toLowerCase() + model.slice(1)]!.count();
