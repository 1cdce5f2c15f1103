// An import's summary as printed at the end of a run.
import { describe, expect, it } from "vitest";
import { ImportSummary } from "../src/imports/summary.js";

describe("an import's summary", () => {
  it("prints its notes in the export's line order, whatever order the passes noted them in, those without a line first", () => {
    const summary = new ImportSummary();
    summary.skip("comment", 900, "parent not in the export");
    summary.note("article", 12, "kept as the newsroom edited it");
    const other = new ImportSummary();
    other.skip("thread", 40, "no article at /a-link");
    other.note("site", 0, "times in UTC+02:00");
    summary.add(other);
    const notes = summary.format({ dryRun: false }).split("Notes:\n")[1]!.split("\n");
    expect(notes).toEqual([
      "  site: times in UTC+02:00",
      "  line 12: article: kept as the newsroom edited it",
      "  line 40: thread skipped: no article at /a-link",
      "  line 900: comment skipped: parent not in the export",
    ]);
    expect(summary.format({ dryRun: false })).toContain("comment: 0 created, 0 updated, 1 skipped");
  });
});
