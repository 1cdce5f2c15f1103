// The hot pages' variants (next and previous pages, each order and filter, the comments page), each
// as a Newsgraph scenario beside the nearest PostGraphile query on the peers' copy of the dataset.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RARE, WIRE } from "./dataset.js";
import { findConnection, type HttpScenario } from "./http.js";

/** One variant: Newsgraph's scenario, PostGraphile's, and what differs between the two when they cannot match. */
export interface Variant {
  page: string;
  ours: HttpScenario;
  peer?: HttpScenario;
  note?: string;
}

type Vars = Record<string, unknown>;
const PAGE = 20;

/** The variants for a Newsgraph server at `url` and, when it runs, PostGraphile at `peerUrl`; cursors are read from each. */
export async function variants(root: string, url: string, peerUrl: string | null): Promise<Variant[]> {
  const read = (name: string) => readFileSync(join(root, "bench/queries", `${name}.graphql`), "utf8");
  const front = { ours: read("front-page-variant"), peer: read("peers/front-page-variant") };
  const comments = { ours: read("comments-page"), peer: read("peers/comments-page") };
  const article = Buffer.from("Article:1").toString("base64url");
  const list: { page: string; kind: "front" | "comments"; ours: Vars; peer: Vars | null; note?: string }[] = [];
  const add = (page: string, kind: "front" | "comments", ours: Vars, peer: Vars | null, note?: string) => list.push({ page, kind, ours, peer, ...(note ? { note } : {}) });

  const newest = { ours: { first: PAGE, orderBy: "NEWEST" }, peer: { first: PAGE, orderBy: ["PUBLISHED_AT_DESC"] } };
  const second = { ours: await endCursor(url, front.ours, newest.ours), peer: peerUrl ? await endCursor(peerUrl, front.peer, newest.peer) : null };
  const third = {
    ours: await endCursor(url, front.ours, { ...newest.ours, after: second.ours }),
    peer: peerUrl ? await endCursor(peerUrl, front.peer, { ...newest.peer, after: second.peer }) : null,
  };
  add("front page next page", "front", { ...newest.ours, after: second.ours }, { ...newest.peer, after: second.peer });
  add("front page backward", "front", { last: PAGE, before: third.ours, orderBy: "NEWEST" }, { last: PAGE, before: third.peer, orderBy: ["PUBLISHED_AT_DESC"] });
  add("front page OLDEST", "front", { first: PAGE, orderBy: "OLDEST" }, { first: PAGE, orderBy: ["PUBLISHED_AT_ASC"] });
  add("front page RECENTLY_UPDATED", "front", { first: PAGE, orderBy: "RECENTLY_UPDATED" }, newest.peer, "PostGraphile: by publishedAt (its articles have no update time)");
  add("front page TITLE", "front", { first: PAGE, orderBy: "TITLE" }, { first: PAGE, orderBy: ["SLUG_ASC"] }, "PostGraphile: by slug (it orders only by indexed columns)");
  add("front page by topic", "front", { first: PAGE, filter: { topic: "topic-3" } }, { ...newest.peer, condition: { sourceId: 3 } }, "PostGraphile: by source id (its articles have no topics)");
  add("front page by author", "front", { first: PAGE, filter: { author: "author-7" } }, { ...newest.peer, condition: { authorId: 7 } });
  add("front page by source", "front", { first: PAGE, filter: { source: Buffer.from("Source:7").toString("base64url") } }, { ...newest.peer, condition: { sourceId: 7 } });
  // Newsgraph's own: its peer has one source per article, so no wire service and no rare source.
  add("front page by the wire source", "front", { first: PAGE, filter: { source: Buffer.from(`Source:${WIRE.id}`).toString("base64url") } }, null);
  add("front page by a rare source", "front", { first: PAGE, filter: { source: Buffer.from(`Source:${RARE.id}`).toString("base64url") } }, null);
  add("front page search", "front", { first: PAGE, filter: { search: "story" } }, newest.peer, "PostGraphile: its front page (it has no search)");

  const oldest = { ours: { id: article, first: PAGE, orderBy: "OLDEST" }, peer: { id: 1, first: PAGE, orderBy: ["CREATED_AT_ASC", "ROW_ID_ASC"] } };
  add("comments OLDEST", "comments", oldest.ours, oldest.peer);
  add("comments NEWEST", "comments", { ...oldest.ours, orderBy: "NEWEST" }, { ...oldest.peer, orderBy: ["CREATED_AT_DESC", "ROW_ID_DESC"] });
  add("comments MOST_REPLIES", "comments", { ...oldest.ours, orderBy: "MOST_REPLIES" }, { ...oldest.peer, orderBy: ["CREATED_AT_DESC", "ROW_ID_DESC"] }, "PostGraphile: newest first (it cannot order by replies)");
  const next = { ours: await endCursor(url, comments.ours, oldest.ours), peer: peerUrl ? await endCursor(peerUrl, comments.peer, oldest.peer) : null };
  const after = {
    ours: await endCursor(url, comments.ours, { ...oldest.ours, after: next.ours }),
    peer: peerUrl ? await endCursor(peerUrl, comments.peer, { ...oldest.peer, after: next.peer }) : null,
  };
  add("comments next page", "comments", { ...oldest.ours, after: next.ours }, { ...oldest.peer, after: next.peer });
  const { first: _o, ...oursBack } = oldest.ours;
  const { first: _p, ...peerBack } = oldest.peer;
  add("comments backward", "comments", { ...oursBack, last: PAGE, before: after.ours }, { ...peerBack, last: PAGE, before: after.peer });

  return list.map(({ page, kind, ours, peer, note }) => ({
    page,
    ours: { label: `newsgraph ${page}`, url, query: (kind === "front" ? front : comments).ours, variables: ours },
    ...(peerUrl && peer ? { peer: { label: `postgraphile ${page}`, url: peerUrl, query: (kind === "front" ? front : comments).peer, variables: peer } } : {}),
    ...(note ? { note } : {}),
  }));
}

/** The end cursor of the page `variables` select; refuses an empty page, which would measure nothing. */
async function endCursor(url: string, query: string, variables: Vars): Promise<string> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  const connection = findConnection(JSON.parse(text));
  if (!connection?.nodes.length || !connection.pageInfo?.endCursor) throw new Error(`no page at ${url} for ${JSON.stringify(variables)}: ${text.slice(0, 300)}`);
  return connection.pageInfo.endCursor;
}
