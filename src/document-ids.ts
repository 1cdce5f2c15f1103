// A small number per parsed GraphQL document, for keys built on every request: Yoga hands the same
// document object for the same query text (its parse cache), so the number stands for the text.
import type { DocumentNode } from "graphql";

const ids = new WeakMap<DocumentNode, number>();
let next = 0;

/** The document's number, the same for as long as the document object lives. */
export function documentId(document: DocumentNode): number {
  let id = ids.get(document);
  if (id === undefined) ids.set(document, (id = next++));
  return id;
}
