// Word-by-word differences between two texts: a comment's pending edit, an article's revisions.
import { diffWords } from "diff";
import { builder } from "../builder.js";

const TextChangeKind = builder.enumType("TextChangeKind", { values: ["UNCHANGED", "ADDED", "REMOVED"] as const });

type TextChangeShape = { kind: "UNCHANGED" | "ADDED" | "REMOVED"; text: string };

export const TextChange = builder.objectRef<TextChangeShape>("TextChange").implement({
  description: "A run of words that an edit kept, added or removed.",
  fields: (t) => ({ kind: t.field({ type: TextChangeKind, resolve: (change) => change.kind }), text: t.exposeString("text") }),
});

/** `after` against `before`, as runs of words kept, added or removed. */
export function wordChanges(before: string, after: string): TextChangeShape[] {
  return diffWords(before, after).map((part) => ({ kind: part.added ? "ADDED" : part.removed ? "REMOVED" : "UNCHANGED", text: part.value }));
}
