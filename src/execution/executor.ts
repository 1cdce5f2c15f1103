// Which executor runs an operation: queries and mutations run as graphql-jit compiles them, once
// per parsed document; subscriptions, operations graphql-jit cannot compile or whose variables it
// refuses, and every operation when GRAPHQL_JIT=false, run on Yoga's own (graphql-tools), which
// answers them as it always has. Chosen here only; /metrics counts operations by executor.
import { createGraphQLError, makeExecute, type Plugin } from "graphql-yoga";
import { getOperationAST, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLError } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";

/** Operations run, by executor: `jit` for graphql-jit, `standard` for Yoga's. */
export interface ExecutorCounts {
  jit: number;
  standard: number;
}

type Execute = (args: ExecutionArgs) => unknown;

/** Takes whether graphql-jit is on and the counters to add to; gives the Yoga plugin that picks the executor. */
export function useExecutor(options: { jit: boolean; counts: ExecutorCounts }): Plugin {
  const { counts } = options;
  // Yoga caches parsed documents, so one compilation serves every request that sends the same text.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();
  const compile = (args: ExecutionArgs): CompiledQuery | null => {
    let byName = compiled.get(args.document);
    if (!byName) compiled.set(args.document, (byName = new Map()));
    const name = args.operationName ?? "";
    let query = byName.get(name);
    if (query === undefined) {
      const result = compileQuery(args.schema, args.document, args.operationName ?? undefined);
      query = isCompiledQuery(result) ? result : null;
      byName.set(name, query);
    }
    return query;
  };
  const run = async (args: ExecutionArgs, standard: Execute, isQuery: boolean): Promise<unknown> => {
    // Compiled from the document this is handed: the response cache hands on its own, with the
    // __typename fields it reads the answer's entities by.
    const compiledQuery = compile(args);
    const result = compiledQuery && (await compiledQuery.query(args.rootValue, args.contextValue, args.variableValues ?? {}));
    // None, or no data at all: not compiled, or refused before any resolver ran (its variables,
    // say). Yoga's executor words and types such refusals as it always has; running it changes nothing.
    // A query nulled above a failed non-null field: graphql-jit reports that failure for every row
    // beneath, graphql-js only the first. Yoga's executor answers it, as queries change nothing.
    if (!result || !("data" in result) || (isQuery && nulledAbove(result))) {
      counts.standard++;
      return standard(args);
    }
    counts.jit++;
    return standardErrors(result, args.document);
  };
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const operation = getOperationAST(args.document, args.operationName)?.operation;
      if (!options.jit || operation === "subscription") {
        counts.standard++;
        return;
      }
      const standard = executeFn as Execute;
      setExecuteFn(makeExecute((args: ExecutionArgs) => run(args, standard, operation === "query") as Promise<ExecutionResult>));
    },
    onSubscribe() {
      counts.standard++;
    },
  };
}

/** Whether an error's field was nulled with a parent above it: a non-null failure propagated. */
function nulledAbove(result: ExecutionResult): boolean {
  return (result.errors ?? []).some((error) => {
    let value: unknown = result.data;
    for (const key of (error.path ?? []).slice(0, -1)) {
      if (value == null) return true;
      value = (value as Record<string | number, unknown>)[key];
    }
    return value == null && (error.path?.length ?? 0) > 1;
  });
}

/**
 * graphql-jit's errors are read-only and carry no extensions: the masking after it gives codes to
 * ordinary GraphQLErrors. They hold locations as line and column where graphql-js holds positions
 * in the source, which Yoga reads when it sends an error on: each is taken back to its position.
 */
function standardErrors(result: ExecutionResult, document: DocumentNode): ExecutionResult {
  if (!result.errors?.length) return result;
  const source = document.loc?.source;
  const errors = result.errors.map((error): GraphQLError => {
    if (Object.getOwnPropertyDescriptor(error, "originalError")?.configurable !== false) return error;
    const positions = source && error.locations?.map((location) => positionOf(source.body, location));
    return createGraphQLError(error.message, { source, positions, path: error.path, originalError: error.originalError, extensions: { ...error.extensions } });
  });
  return { ...result, errors };
}

/** The offset in `body` of a 1-based line and column, lines broken as graphql-js breaks them (\r\n, \n or \r). */
function positionOf(body: string, location: { line: number; column: number }): number {
  let offset = 0;
  for (let line = 1; line < location.line; line++) {
    const lineBreak = /\r\n|[\n\r]/g;
    lineBreak.lastIndex = offset;
    const found = lineBreak.exec(body);
    if (!found) break;
    offset = found.index + found[0].length;
  }
  return offset + location.column - 1;
}
