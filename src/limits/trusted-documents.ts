// Trusted documents: when on, only the operations under schema/operations run. A client sends one
// by hash (`extensions.persistedQuery.sha256Hash`, looked up by Yoga's persisted-operations plugin)
// or as its exact text, which is what the SDK (src/sdk) sends. The hash is the SHA-256 of the text
// the SDK sends: the generated document, printed.
import { createHash } from "node:crypto";
import { usePersistedOperations } from "@graphql-yoga/plugin-persisted-operations";
import { print, type DocumentNode } from "graphql";
import { createGraphQLError, type Plugin } from "graphql-yoga";
import * as sdk from "../sdk/generated.js";

/** SHA-256 (hex) of an operation's text. */
export const documentHash = (text: string): string => createHash("sha256").update(text).digest("hex");

/** The listed operations' texts by hash: every document generated from schema/operations. */
export function trustedDocuments(): Map<string, string> {
  const texts = Object.entries(sdk)
    .filter(([name, value]) => name.endsWith("Document") && (value as DocumentNode).kind === "Document")
    .map(([, document]) => print(document as DocumentNode));
  return new Map(texts.map((text) => [documentHash(text), text]));
}

/**
 * Runs only `documents`; `allowAny(request)` lets a request run anything (GraphiQL in development).
 * The rule is applied where every operation is parsed, so it holds over graphql-ws as over HTTP.
 */
export function useTrustedDocuments(options: { documents: Map<string, string>; allowAny(request: Request | undefined): boolean }): Plugin[] {
  const { documents, allowAny } = options;
  const refusal = () =>
    createGraphQLError("This server runs only its listed operations: send one by its hash or its exact text.", {
      extensions: { code: "TRUSTED_DOCUMENTS_ONLY", http: { status: 403 } },
    });
  return [
    usePersistedOperations({
      // Text is judged at parse below, for every transport alike.
      allowArbitraryOperations: true,
      getPersistedOperation: (hash) => documents.get(hash) ?? null,
      customErrors: {
        notFound: { message: "No listed operation has this hash.", extensions: { code: "PERSISTED_QUERY_NOT_FOUND", http: { status: 404 } } },
        keyNotFound: { message: "The request carries neither an operation nor its hash.", extensions: { code: "TRUSTED_DOCUMENTS_ONLY", http: { status: 400 } } },
      },
    }),
    {
      onParse({ context, params }) {
        const source = typeof params.source === "string" ? params.source : params.source.body;
        if (documents.has(documentHash(source))) return;
        if (allowAny((context as { request?: Request }).request)) return;
        throw refusal();
      },
    },
  ];
}

/** True for a request from the GraphiQL page this server serves at `endpoint` (its Referer is that page). */
export function sentFromGraphiQL(request: Request | undefined, endpoint: string): boolean {
  const referer = request?.headers.get("referer");
  if (!request || !referer || !URL.canParse(referer)) return false;
  const page = new URL(referer);
  return page.host === new URL(request.url).host && page.pathname === endpoint;
}
