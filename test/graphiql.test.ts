// GraphiQL in a real browser (Debian's Chromium driven by playwright-core): a query, and a live
// subscription in one tab receiving a comment posted from another. Screenshots go to
// test-output/graphiql/. Skipped, saying so, where Chromium is not installed.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/server.js";
import { createTestApp, type TestApp } from "./helpers/app.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const OUTPUT = join("test-output", "graphiql");
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.log(`Browser suite skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`);

describe.runIf(hasChromium)("GraphiQL in Chromium", () => {
  let t: TestApp;
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    t = await createTestApp({ provider: "sqlite" });
    server = await t.listen();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const open = async (query: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}?query=${encodeURIComponent(query)}`);
    await page.locator(".graphiql-execute-button").waitFor({ timeout: 20_000 });
    return page;
  };
  const run = (page: Page) => page.locator(".graphiql-execute-button").click();
  const result = (page: Page) => ({ innerText: () => text(page.locator(".graphiql-response .view-lines")) });
  // Monaco renders spaces as no-break spaces.
  const text = async (locator: ReturnType<Page["locator"]>) => (await locator.innerText()).replace(/\s+/g, " ");

  it("opens with a useful default query and example headers", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    await page.locator(".graphiql-execute-button").waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1000);
    await page.screenshot({ path: join(OUTPUT, "0-default-query.png") });
    await expect.poll(() => text(page.locator(".graphiql-query-editor .view-lines")), { timeout: 10_000 }).toMatch(/query FrontPage/);
    await page.close();
  });

  it("runs a query and shows the article's title in the result pane", async () => {
    const page = await open(`{ article(slug: "ministers-meet-in-geneva-as-border-talks-resume") { title dateline } }`);
    await run(page);
    await expect.poll(() => result(page).innerText(), { timeout: 15_000 }).toMatch(/Ministers meet in Geneva/);
    await page.screenshot({ path: join(OUTPUT, "1-query-result.png") });
    await page.close();
  });

  it("shows in one tab a comment posted from another, live over WebSocket", async () => {
    const live = await open(`subscription { commentAdded(articleId: "QXJ0aWNsZTox") { ... on CommentAdded { comment { authorName body } } } }`);
    await run(live);
    await expect.poll(() => t.app.services.feeds.size, { timeout: 15_000 }).toBe(1); // subscribed over WebSocket
    await live.screenshot({ path: join(OUTPUT, "2-subscription-waiting.png") });

    const poster = await open(`mutation { addComment(input: { articleId: "QXJ0aWNsZTox", body: "Typed in a second tab", guest: { name: "Browser Reader", email: "browser@example.org" } }) { __typename ... on AddCommentPayload { comment { body } } } }`);
    await run(poster);
    await expect.poll(() => result(poster).innerText(), { timeout: 15_000 }).toMatch(/AddCommentPayload/);
    await poster.screenshot({ path: join(OUTPUT, "3-mutation-posted.png") });

    await expect.poll(() => result(live).innerText(), { timeout: 15_000 }).toMatch(/Typed in a second tab/);
    await live.screenshot({ path: join(OUTPUT, "4-subscription-received.png") });
    await Promise.all([live.close(), poster.close()]);
  });
});
