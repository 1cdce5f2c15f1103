// What an import did, per kind of record: created, updated, skipped, and why, with the export's
// line numbers, printed at the end of a run.

/** What happened to one record. */
export type Outcome = "created" | "updated" | "skipped";

/** One thing an import reports: a record skipped or kept differently from the export, at `line` (0: no line). */
export interface ImportNote {
  line: number;
  kind: string;
  message: string;
  /** Whether the record was left out (else it was imported, with this said about it). */
  skipped: boolean;
}

/** Counts per kind of record ("article", "comment", ...) and notes, printed in the export's line order. */
export class ImportSummary {
  readonly counts = new Map<string, Record<Outcome, number>>();
  readonly notes: ImportNote[] = [];

  /** Counts one record of `kind` as `outcome`. */
  count(kind: string, outcome: Outcome, by = 1): void {
    const counts = this.counts.get(kind) ?? { created: 0, updated: 0, skipped: 0 };
    counts[outcome] += by;
    this.counts.set(kind, counts);
  }

  /** Counts a record of `kind` as skipped, with the reason and its line. */
  skip(kind: string, line: number, message: string): void {
    this.count(kind, "skipped");
    this.notes.push({ line, kind, message, skipped: true });
  }

  /** Notes something about a record that was imported all the same (kept differently, reparented). */
  note(kind: string, line: number, message: string): void {
    this.notes.push({ line, kind, message, skipped: false });
  }

  /** The counts of one kind (zeros when none). */
  of(kind: string): Record<Outcome, number> {
    return { ...(this.counts.get(kind) ?? { created: 0, updated: 0, skipped: 0 }) };
  }

  /** Adds another summary's counts and notes to this one. */
  add(other: ImportSummary): void {
    for (const [kind, counts] of other.counts) for (const outcome of ["created", "updated", "skipped"] as const) this.count(kind, outcome, counts[outcome]);
    this.notes.push(...other.notes);
  }

  /** The summary as printed: a line per kind, then each note by its line (notes without one first). */
  format(options: { dryRun: boolean }): string {
    const lines = [options.dryRun ? "Dry run: nothing was written. It would have:" : "Imported:"];
    for (const [kind, counts] of this.counts) lines.push(`  ${kind}: ${counts.created} created, ${counts.updated} updated, ${counts.skipped} skipped`);
    if (this.counts.size === 0) lines.push("  nothing");
    if (this.notes.length > 0) {
      lines.push("Notes:");
      // Two passes and per-article batches note out of file order; the reader reads them down the file.
      for (const note of [...this.notes].sort((a, b) => a.line - b.line)) lines.push(`  ${note.line > 0 ? `line ${note.line}: ` : ""}${note.kind}${note.skipped ? " skipped" : ""}: ${note.message}`);
    }
    return lines.join("\n");
  }
}
