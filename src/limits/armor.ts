// Depth, aliases, directives and tokens, counted by GraphQL Armor before an operation runs. Each
// refusal carries its own documented code; Armor's cost rule is off (src/limits/cost.ts counts cost).
import { EnvelopArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, type ValidationContext } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { QueryLimits } from "../config.js";
import type { ErrorCode } from "../errors.js";

/** Armor's plugins for `limits`; `blockFieldSuggestions` hides "Did you mean" hints (when introspection is off). */
export function armorPlugins(limits: QueryLimits, options: { blockFieldSuggestions: boolean }): Plugin[] {
  const armor = new EnvelopArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ...refuseWith("DEPTH_LIMIT_EXCEEDED") },
    maxAliases: { n: limits.maxAliases, ...refuseWith("ALIAS_LIMIT_EXCEEDED") },
    maxDirectives: { n: limits.maxDirectives, ...refuseWith("DIRECTIVE_LIMIT_EXCEEDED") },
    maxTokens: { n: limits.maxTokens, ...refuseWith("TOKEN_LIMIT_EXCEEDED") },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: options.blockFieldSuggestions },
  });
  return armor.protect().plugins as Plugin[];
}

/** Armor's rejection as an error with `code`: reported to validation, or thrown from the parser, which has no context. */
function refuseWith(code: ErrorCode) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const refusal = new GraphQLError(error.message.replace(/^Syntax Error: /, ""), { extensions: { code, http: { status: 400 } } });
        if (!context) throw refusal;
        context.reportError(refusal);
      },
    ],
  };
}
