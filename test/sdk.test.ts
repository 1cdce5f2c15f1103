import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import WebSocket from "ws";
import { generateSdk, SDK_OUTPUT } from "../scripts/sdk-config.js";
import { startServer, type RunningServer } from "../src/server.js";
import {
  AddCommentDocument,
  ArticlePageDocument,
  createNewsgraphClient,
  LiveCommentsDocument,
  NewsgraphError,
  type LiveCommentsSubscription,
} from "../src/sdk/client.js";
import { createTestApp, type TestApp } from "./helpers/app.js";

describe("the typed SDK", () => {
  it("is generated from the committed schema and operations (run `npm run sdk`)", async () => {
    expect(readFileSync(SDK_OUTPUT, "utf8")).toBe(await generateSdk());
  });

  it("has no `any` in its public surface", () => {
    for (const file of [SDK_OUTPUT, "src/sdk/client.ts"]) {
      const code = readFileSync(file, "utf8").replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
      expect(code, file).not.toMatch(/\bany\b/);
    }
  });

  it("types results and variables from the operations", () => {
    type Message = LiveCommentsSubscription["commentAdded"];
    expectTypeOf<Extract<Message, { __typename: "CommentAdded" }>["cursor"]>().toEqualTypeOf<string>();
    // Checked by the compiler (`tsc` in `npm test`), never run: each wrong call must fail to compile.
    const compileOnly = (client: ReturnType<typeof createNewsgraphClient>) => {
      expectTypeOf(client.request(ArticlePageDocument, { slug: "x" })).resolves.toHaveProperty("article");
      // @ts-expect-error slug must be a string
      void client.request(ArticlePageDocument, { slug: 42 });
      // @ts-expect-error slug is required
      void client.request(ArticlePageDocument, {});
      // @ts-expect-error the input needs an articleId
      void client.request(AddCommentDocument, { input: { body: "no article" } });
    };
    expect(compileOnly).toBeTypeOf("function");
  });
});

describe("the SDK against a real server", () => {
  let t: TestApp;
  let server: RunningServer;
  beforeAll(async () => {
    t = await createTestApp({ provider: "sqlite" });
    server = await t.listen();
  });
  afterAll(() => t.close());

  it("reads an article, posts a comment and receives it live, resuming after the server restarts", async () => {
    const keys: string[] = [];
    const client = createNewsgraphClient({ url: server.url, webSocketImpl: WebSocket, editKeys: () => keys, retryAttempts: 30 });
    const { article } = await client.request(ArticlePageDocument, { slug: "ministers-meet-in-geneva-as-border-talks-resume" });
    expect(article?.authors.map((a) => a.name)).toEqual(["Hana Sorel", "Matteo Brandt"]);

    const received: string[] = [];
    const waiters: (() => void)[] = [];
    const stop = client.subscribe(LiveCommentsDocument, { articleId: article!.id, after: article!.liveCursor }, {
      next: ({ commentAdded }) => {
        if (commentAdded.__typename === "CommentAdded") received.push(commentAdded.comment?.body ?? "");
        waiters.shift()?.();
      },
    });
    const arrival = () => new Promise<void>((resolve) => waiters.push(resolve));
    const post = async (body: string) => {
      const { addComment } = await client.request(AddCommentDocument, {
        input: { articleId: article!.id, body, guest: { name: "SDK Reader", email: "sdk@example.org" } },
      });
      if (addComment.__typename !== "AddCommentPayload") throw new Error(addComment.__typename);
      keys.push(addComment.editKey!);
      return addComment;
    };

    let next = arrival();
    await post("posted through the SDK");
    await next;
    expect(received).toEqual(["posted through the SDK"]);

    // A deploy: the server goes away, a comment lands meanwhile, a new server takes the port.
    const port = server.port;
    await server.stop();
    const { createApp } = await import("../src/app.js");
    const replacement = await createApp({ config: t.app.config });
    const posted = await replacement.yoga.fetch("http://local/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation ($input: AddCommentInput!) { addComment(input: $input) { __typename } }`,
        variables: { input: { articleId: article!.id, body: "posted while you were away", guest: { name: "Other", email: "o@example.org" } } },
      }),
    });
    expect(((await posted.json()) as { data: { addComment: { __typename: string } } }).data.addComment.__typename).toBe("AddCommentPayload");
    next = arrival();
    const restarted = await startServer(replacement, { port, host: "127.0.0.1" });
    await next;
    expect(received).toEqual(["posted through the SDK", "posted while you were away"]);

    await expect(client.request(ArticlePageDocument, { slug: "ministers-meet-in-geneva-as-border-talks-resume", comments: 1000 })).rejects.toMatchObject({
      constructor: NewsgraphError,
      codes: ["INVALID_PAGINATION"],
    });
    stop();
    await client.dispose();
    await restarted.stop();
  });
});
