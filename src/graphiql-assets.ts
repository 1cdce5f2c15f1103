// GraphiQL served from this server, not a CDN: it works offline and behind locked-down networks.
import { createReadStream, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, normalize } from "node:path";
import { Readable } from "node:stream";
import { renderGraphiQL, type GraphiQLOptions, type Plugin } from "graphql-yoga";

export const GRAPHIQL_ASSETS_PATH = "/graphiql/";

const distFolder = join(dirname(createRequire(import.meta.url).resolve("@graphql-yoga/graphiql/package.json")), "dist");
const types: Record<string, string> = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };

/** Yoga's GraphiQL page with its scripts, styles and editor workers pointed at this server. */
export function renderLocalGraphiQL(options: GraphiQLOptions): string {
  // Yoga's GraphiQL opens with its `query` option, not `defaultQuery`; a link's ?query= wins.
  const query = `query:new URLSearchParams(location.search).get("query")||${JSON.stringify(options.defaultQuery ?? "")},`;
  return renderGraphiQL(options)
    .replace("renderYogaGraphiQL(root,{", () => `renderYogaGraphiQL(root,{${query}`)
    .replace(/<link rel=icon [^>]*>/, "")
    .replace(/https:\/\/unpkg\.com\/@graphql-yoga\/graphiql@[^/]+\/dist\//g, GRAPHIQL_ASSETS_PATH);
}

/** Serves GraphiQL's files from the installed @graphql-yoga/graphiql package. */
export function useGraphiQLAssets(): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(GRAPHIQL_ASSETS_PATH)) return;
      const relative = normalize(url.pathname.slice(GRAPHIQL_ASSETS_PATH.length));
      const type = types[relative.slice(relative.lastIndexOf("."))];
      const file = join(distFolder, relative);
      if (!type || relative.startsWith("..") || !isFile(file)) {
        endResponse(new fetchAPI.Response("Not found", { status: 404 }));
        return;
      }
      const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
      endResponse(new fetchAPI.Response(body, { headers: { "content-type": type, "cache-control": "public, max-age=86400" } }));
    },
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
