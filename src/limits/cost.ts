// The cost limit: an operation whose pages, multiplied through its nesting, would load more than
// `maxCost` is refused before any resolver runs. Costs come from src/limits/field-cost.ts through
// @pothos/plugin-complexity's validation rule.
import { createComplexityRule } from "@pothos/plugin-complexity";
import { GraphQLError, validate, type DocumentNode, type GraphQLSchema } from "graphql";
import type { Plugin } from "graphql-yoga";
import { AppError } from "../errors.js";
import { CostCache } from "./cost-cache.js";

interface Operation {
  schema: GraphQLSchema;
  document: DocumentNode;
  variableValues?: unknown;
  operationName?: string | null;
}

/** The cost of the operation `operationName` selects in `document` with these variables, and the errors its measuring found. */
export function operationCost(operation: Operation): { cost: number; errors: readonly GraphQLError[] } {
  let cost = 0;
  const rule = createComplexityRule({
    context: {},
    variableValues: (operation.variableValues ?? {}) as Record<string, unknown>,
    operationName: operation.operationName,
    onResult: ({ complexity }) => void (cost = Math.max(cost, complexity)),
  });
  const errors = validate(operation.schema, operation.document, [rule]);
  return { cost, errors };
}

/** Refuses, with COST_LIMIT_EXCEEDED, an operation (query, mutation or subscription) costing more than `maxCost`. */
export function useCostLimit(options: { maxCost: number }): Plugin {
  // Measured at execution rather than among validation rules: Yoga caches validation by document,
  // and the cost depends on the variables as well; accepted costs are cached by both.
  const accepted = new CostCache();
  const refusal = (operation: Operation): GraphQLError[] | null => {
    const key = accepted.key(operation.document, operation.operationName, operation.variableValues);
    if (key !== null && accepted.get(key) !== undefined) return null;
    let measured: ReturnType<typeof operationCost>;
    try {
      measured = operationCost(operation);
    } catch (error) {
      // Arguments are read to cost the fields: a malformed id or page size is refused as it would be when run.
      if (!(error instanceof AppError)) throw error;
      return [new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 200 } } })];
    }
    const { cost, errors } = measured;
    // Variables that do not fit their types: execution refuses them before any resolver runs, in its own words.
    if (errors.length > 0) return null;
    if (cost <= options.maxCost) {
      if (key !== null) accepted.set(key, cost);
      return null;
    }
    const message = `The operation costs ${cost}, more than the limit of ${options.maxCost}: ask for smaller pages or fewer nested lists.`;
    return [new GraphQLError(message, { extensions: { code: "COST_LIMIT_EXCEEDED", cost, maxCost: options.maxCost, http: { status: 400 } } })];
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const errors = refusal(args);
      if (errors) setResultAndStopExecution({ errors });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = refusal(args);
      if (errors) setResultAndStopExecution({ errors });
    },
  };
}
