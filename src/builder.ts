// The schema builder: plugins, scalars and options. Types live in src/schema/.
import SchemaBuilder from "@pothos/core";
import ComplexityPlugin from "@pothos/plugin-complexity";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import { hasRole } from "./auth.js";
import type { Context } from "./context.js";
import { ForbiddenError, UnauthenticatedError } from "./errors.js";
import type PrismaTypes from "./generated/pothos-types.js";
import { getDatamodel } from "./generated/pothos-types.js";
import { decodeId, encodeId } from "./ids.js";
import "./execution/response-paths.js";
import "./limits/event-loop.js";
import { fieldCost } from "./limits/field-cost.js";
import "./loaded-columns.js";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./pagination/page-size.js";
import "./input-rules.js";

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: { signedIn: boolean; writer: boolean; moderator: boolean; editor: boolean; admin: boolean };
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    Cursor: { Input: number; Output: number };
  };
  DefaultFieldNullability: false;
}>({
  // loadedColumns sits just outside prisma: it answers columns a row carries before the plugin
  // looks the row's plan up, and inside scope-auth and errors, which still apply.
  // responsePaths sits just outside prisma, which looks plans up by response path (src/execution/response-paths.ts).
  // inputRules sits inside errors, so refused input is a mutation's typed ValidationError.
  plugins: [ScopeAuthPlugin, ErrorsPlugin, "loadedColumns", "responsePaths", PrismaPlugin, RelayPlugin, "pageSize", "inputRules", ComplexityPlugin, "eventLoop"],
  defaultFieldNullability: false,
  scopeAuth: {
    // Subscriptions are authorised when they start, not per event.
    authorizeOnSubscribe: true,
    // Denials are the API's own typed errors, so the errors plugin and clients see UNAUTHENTICATED
    // (no token) apart from FORBIDDEN (wrong role).
    unauthorizedError: (_parent, ctx, _info, result) =>
      ctx.viewer ? new ForbiddenError(result.message) : new UnauthenticatedError("Sign in to do this."),
    authScopes: (ctx) => ({
      signedIn: !!ctx.viewer,
      // Newsroom staff who write articles: authors and editors.
      writer: hasRole(ctx.viewer, "AUTHOR", "EDITOR"),
      moderator: hasRole(ctx.viewer, "MODERATOR"),
      editor: hasRole(ctx.viewer, "EDITOR"),
      admin: hasRole(ctx.viewer, "ADMIN"),
    }),
  },
  errors: { directResult: true },
  // Costs only: the limit is applied before execution by src/limits/cost.ts.
  complexity: { fieldComplexity: (args, _ctx, field) => fieldCost(args, field) },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
    onUnusedQuery: process.env.NODE_ENV === "production" ? null : "warn",
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    nodesOnConnection: true,
    encodeGlobalID: encodeId,
    decodeGlobalID: decodeId,
    // `node` and `nodes` are src/schema/node.ts's, which follow merged records.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
});
