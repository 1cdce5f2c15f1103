import { describe, expect, it } from "vitest";
import { utcDate } from "../src/reads/instant.js";

describe("timestamps read from the database", () => {
  it("are UTC Dates whose ISO text is the canonical one, from a column or from PostgreSQL's JSON", () => {
    for (const [text, iso] of [
      ["2026-02-21 16:00:00", "2026-02-21T16:00:00.000Z"],
      ["2026-02-21 16:00:00.1", "2026-02-21T16:00:00.100Z"],
      ["2026-02-21T16:00:00.12", "2026-02-21T16:00:00.120Z"],
      ["2026-02-21T16:00:00.123", "2026-02-21T16:00:00.123Z"],
      ["1999-12-31 23:59:59.999456", "1999-12-31T23:59:59.999Z"],
      ["2024-02-29 00:00:00.007", "2024-02-29T00:00:00.007Z"],
      ["0042-01-01 12:00:00", "0042-01-01T12:00:00.000Z"],
    ]) {
      const date = utcDate(text!);
      expect(date).toBeInstanceOf(Date);
      expect(date.toISOString()).toBe(iso);
      expect(date.getTime()).toBe(Date.parse(iso!));
      expect(JSON.stringify({ date })).toBe(`{"date":"${iso}"}`);
    }
  });

  it("serialise what they hold once changed, and read text of another shape as Date reads it", () => {
    const date = utcDate("2026-02-21 16:00:00.5");
    date.setUTCHours(3);
    expect(date.toISOString()).toBe("2026-02-21T03:00:00.500Z");
    expect(Number.isNaN(utcDate("infinity").getTime())).toBe(true);
  });
});
