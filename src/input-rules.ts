// Every argument and input field a client sends passes the input rules before any resolver reads
// it, so no field, current or future, can forget them: each String src/text.ts's rule, each list
// at most MAX_LIST_ITEMS items. A field names what text it holds with `text: { kind, required,
// maxLength }`, which also writes its description; one that names nothing is held to the default
// (one line, no control characters, 1,000 characters).
// A plugin rather than a custom scalar: the schema keeps the standard String type, so clients'
// variables (`$slug: String!`) stay as they are, and the error names the input field at fault.
import SchemaBuilder, {
  BasePlugin,
  mapInputFields,
  unwrapInputFieldType,
  type FieldRequiredness,
  type InputFieldMapping,
  type InputType,
  type PothosInputFieldConfig,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from "@pothos/core";
import type { GraphQLFieldResolver } from "graphql";
import { ValidationError } from "./errors.js";
import { MAX_PAGE_SIZE } from "./pagination/page-size.js";
import { cleanText, describeText, type TextRule } from "./text.js";

/** The most items a list input may hold: as many as a page. */
export const MAX_LIST_ITEMS = MAX_PAGE_SIZE;

/** What is checked of one input: its text rule when it is a String (lists are always counted). */
type InputRule = { text: TextRule | null };
type Mappings = Map<string, InputFieldMapping<SchemaTypes, InputRule | null>>;

class InputRulesPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onInputFieldConfig(fieldConfig: PothosInputFieldConfig<Types>): PothosInputFieldConfig<Types> {
    const rule = fieldConfig.pothosOptions.text;
    if (!rule) return fieldConfig;
    const description = [fieldConfig.description, describeText(rule)].filter(Boolean).join(" ");
    return { ...fieldConfig, description, extensions: { ...fieldConfig.extensions, text: rule } };
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> {
    const mappings = this.checkedArguments(fieldConfig);
    if (!mappings) return resolver;
    return (parent, args, context, info) => resolver(parent, cleanInputs(args as Record<string, unknown>, mappings, null), context, info);
  }

  override wrapSubscribe(
    subscribe: GraphQLFieldResolver<unknown, Types["Context"], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> | undefined {
    const mappings = subscribe && this.checkedArguments(fieldConfig);
    if (!subscribe || !mappings) return subscribe;
    return (parent, args, context, info) => subscribe(parent, cleanInputs(args as Record<string, unknown>, mappings, null), context, info);
  }

  /** The String and list inputs a field takes, at any depth, with their rules; null when it takes none. */
  private checkedArguments(fieldConfig: PothosOutputFieldConfig<Types>): Mappings | null {
    return mapInputFields(fieldConfig.args, this.buildCache, (input) => {
      const config = this.buildCache.getTypeConfig(unwrapInputFieldType(input.type));
      const text = config.kind === "Scalar" && config.name === "String" ? ((input.extensions?.text as TextRule | undefined) ?? {}) : null;
      return text || input.type.kind === "List" ? { text } : null;
    }) as Mappings | null;
  }
}

/** `values` with every String cleaned and every list counted; `path` names the field in errors (a mutation's `input.` left out). */
function cleanInputs(values: Record<string, unknown>, mappings: Mappings, path: string | null): Record<string, unknown> {
  const cleaned = { ...values };
  for (const [name, mapping] of mappings) {
    const value = values[name];
    if (value == null) continue;
    const field = path === null ? (name === "input" && mapping.kind === "InputObject" ? "" : name) : path ? `${path}.${name}` : name;
    const clean = (item: unknown): unknown => {
      if (item == null) return item;
      if (mapping.kind === "InputObject") return mapping.fields.map ? cleanInputs(item as Record<string, unknown>, mapping.fields.map as Mappings, field) : item;
      return typeof item === "string" && mapping.value?.text ? cleanText(item, field, mapping.value.text) : item;
    };
    cleaned[name] = mapping.isList ? mapList(value, mapping.listDepth, clean, field) : clean(value);
  }
  return cleaned;
}

function mapList(value: unknown, depth: number, map: (item: unknown) => unknown, field: string): unknown {
  if (!Array.isArray(value)) return map(value);
  if (value.length > MAX_LIST_ITEMS) throw new ValidationError(`At most ${MAX_LIST_ITEMS} items are allowed.`, field);
  return value.map((item) => (depth > 1 ? mapList(item, depth - 1, map, field) : map(item)));
}

SchemaBuilder.registerPlugin("inputRules", InputRulesPlugin);

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      inputRules: InputRulesPlugin<Types>;
    }
    export interface InputFieldOptions<
      Types extends SchemaTypes = SchemaTypes,
      Type extends InputType<Types> | [InputType<Types>] = InputType<Types> | [InputType<Types>],
      Req extends FieldRequiredness<Type> = FieldRequiredness<Type>,
    > {
      /** What text this String holds, checked and normalised by src/text.ts before any resolver reads it. */
      text?: TextRule;
    }
  }
}
