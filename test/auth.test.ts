import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer } from "./helpers/auth.js";
import { createTestApp, type TestApp } from "./helpers/app.js";

describe("sign-in over HTTP", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ provider: "sqlite" });
  });
  afterAll(() => t.close());

  const viewer = (authorization?: string) => t.graphql(`{ viewer { subject name roles } }`, { headers: authorization ? { authorization } : {} });

  it("returns the signed-in user from a valid token, and null without one", async () => {
    const { data } = await viewer(await bearer({ name: "Ana", subject: "ana", roles: ["MODERATOR", "EDITOR"] }));
    expect(data.viewer).toEqual({ subject: "ana", name: "Ana", roles: ["MODERATOR", "EDITOR"] });
    expect((await viewer()).data.viewer).toBeNull();
  });

  it("reads the scheme whatever its case, as HTTP says it is", async () => {
    const token = (await bearer({ name: "Ana", subject: "ana" })).slice("Bearer ".length);
    for (const scheme of ["bearer", "BEARER", "Bearer"]) expect((await viewer(`${scheme} ${token}`)).data.viewer.subject).toBe("ana");
  });

  it("answers a malformed, forged or expired token with 401 and a typed error, never a 500", async () => {
    const cases = [
      ["Bearer", /Bearer <token>/],
      ["Basic dXNlcjpwYXNz", /Bearer <token>/],
      ["Bearer not-a-jwt", /malformed/],
      [await bearer({ secret: "another-secret-that-is-at-least-32-characters" }), /signature/],
      [await bearer({ expiresIn: Math.floor(Date.now() / 1000) - 10 }), /expired/],
    ] as const;
    for (const [authorization, message] of cases) {
      const result = await viewer(authorization);
      expect(result.status, authorization).toBe(401);
      expect(result.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: "UNAUTHENTICATED" } });
    }
  });

  it("denies a reader a moderator's field with FORBIDDEN, and a guest with UNAUTHENTICATED", async () => {
    const asReader = await t.graphql(`{ moderationQueue { totalCount } }`, { headers: { authorization: await bearer() } });
    expect(asReader.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const asGuest = await t.graphql(`{ moderationQueue { totalCount } }`);
    expect(asGuest.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect([asReader.status, asGuest.status]).toEqual([200, 200]);
  });
});
