// Introspection off by setting: graphql-js' own rule refuses `__schema` and `__type` at validation.
import { NoSchemaIntrospectionCustomRule } from "graphql";
import type { Plugin } from "graphql-yoga";

/** Refuses introspection queries with GRAPHQL_VALIDATION_FAILED. */
export function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}
