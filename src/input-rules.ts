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
  type FieldNullability,
  type InputFieldMap,
  type InputFieldMapping,
  type TypeParam,
  type InputType,
  type PothosInputFieldConfig,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from "@pothos/core";
import type { GraphQLFieldResolver } from "graphql";
import { ValidationError, type FieldProblem } from "./errors.js";
import { isConnectionField, MAX_PAGE_SIZE } from "./pagination/page-size.js";
import { cleanText, describeText, type TextRule } from "./text.js";

/** The most items a list input may hold: as many as a page. */
export const MAX_LIST_ITEMS = MAX_PAGE_SIZE;

/**
 * A connection's `after` and `before`: a cursor the API issued holds its row's order values (a
 * title of up to 300 characters, each perhaps many code points), base64url-encoded, so it may be
 * far longer than other one-line text. Past this, it is no cursor of ours.
 */
const CURSOR_TEXT: TextRule = { maxLength: 16_384 };

/** What is checked of one input: its text rule when it is a String, and a list's most items. */
type InputRule = { text: TextRule | null; maxItems: number };
type Mappings = Map<string, InputFieldMapping<SchemaTypes, InputRule | null>>;

class InputRulesPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onInputFieldConfig(fieldConfig: PothosInputFieldConfig<Types>): PothosInputFieldConfig<Types> {
    const rule = fieldConfig.pothosOptions.text;
    const maxItems = fieldConfig.pothosOptions.maxItems;
    if (maxItems) fieldConfig = { ...fieldConfig, extensions: { ...fieldConfig.extensions, maxItems } };
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
    const checkMore = fieldConfig.pothosOptions.checkInput as InputCheck<Types["Context"]> | undefined;
    if (!checkMore) return (parent, args, context, info) => resolver(parent, checked(args as Record<string, unknown>, mappings), context, info);
    return (parent, args, context, info) => {
      const problems: FieldProblem[] = [];
      const cleaned = cleanInputs(args as Record<string, unknown>, mappings, null, problems);
      if (problems.length === 0) return resolver(parent, cleaned, context, info);
      // The text is refused either way: the field's own checks run too, so one error names every bad field.
      return checkMore(cleaned, context).then(
        (more) => Promise.reject(ValidationError.of(merged(problems, more))),
        () => Promise.reject(ValidationError.of(problems)),
      );
    };
  }

  override wrapSubscribe(
    subscribe: GraphQLFieldResolver<unknown, Types["Context"], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> | undefined {
    const mappings = subscribe && this.checkedArguments(fieldConfig);
    if (!subscribe || !mappings) return subscribe;
    return (parent, args, context, info) => subscribe(parent, checked(args as Record<string, unknown>, mappings), context, info);
  }

  /** The String and list inputs a field takes, at any depth, with their rules; null when it takes none. */
  private checkedArguments(fieldConfig: PothosOutputFieldConfig<Types>): Mappings | null {
    return mapInputFields(fieldConfig.args, this.buildCache, (input) => {
      const config = this.buildCache.getTypeConfig(unwrapInputFieldType(input.type));
      const cursor = input.kind === "Arg" && (input.name === "after" || input.name === "before") && isConnectionField(fieldConfig);
      const text = config.kind === "Scalar" && config.name === "String" ? ((input.extensions?.text as TextRule | undefined) ?? (cursor ? CURSOR_TEXT : {})) : null;
      const maxItems = (input.extensions?.maxItems as number | undefined) ?? MAX_LIST_ITEMS;
      return text || input.type.kind === "List" ? { text, maxItems } : null;
    }) as Mappings | null;
  }
}

/** A field's own input checks, run without writing when the text rules refused some of its input; gives the problems found. */
export type InputCheck<C> = (args: Record<string, unknown>, context: C) => Promise<FieldProblem[]>;

/** `first`, then each problem of `more` at a path `first` does not already name. */
function merged(first: FieldProblem[], more: FieldProblem[]): FieldProblem[] {
  const named = new Set(first.map((problem) => problem.path.join(".")));
  return [...first, ...more.filter((problem) => !named.has(problem.path.join(".")))];
}

/** The arguments with every String cleaned and every list counted; a ValidationError listing every bad field otherwise. */
function checked(values: Record<string, unknown>, mappings: Mappings): Record<string, unknown> {
  const problems: FieldProblem[] = [];
  const cleaned = cleanInputs(values, mappings, null, problems);
  if (problems.length > 0) throw ValidationError.of(problems);
  return cleaned;
}

/** `values` with every String cleaned and every list counted, problems collected; `path` names the field (a mutation's `input.` left out, list items by index). */
function cleanInputs(values: Record<string, unknown>, mappings: Mappings, path: string | null, problems: FieldProblem[]): Record<string, unknown> {
  const cleaned = { ...values };
  for (const [name, mapping] of mappings) {
    const value = values[name];
    if (value == null) continue;
    const field = path === null ? (name === "input" && mapping.kind === "InputObject" ? "" : name) : path ? `${path}.${name}` : name;
    const clean = (item: unknown, at: string): unknown => {
      if (item == null) return item;
      if (mapping.kind === "InputObject") return mapping.fields.map ? cleanInputs(item as Record<string, unknown>, mapping.fields.map as Mappings, at, problems) : item;
      if (typeof item !== "string" || !mapping.value?.text) return item;
      try {
        return cleanText(item, at, mapping.value.text);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        problems.push(...error.problems);
        return item;
      }
    };
    cleaned[name] = mapping.isList ? mapList(value, { depth: mapping.listDepth, max: mapping.value?.maxItems ?? MAX_LIST_ITEMS, map: clean, field, problems }) : clean(value, field);
  }
  return cleaned;
}

function mapList(value: unknown, list: { depth: number; max: number; map: (item: unknown, at: string) => unknown; field: string; problems: FieldProblem[] }): unknown {
  const { depth, max, map, field, problems } = list;
  if (!Array.isArray(value)) return map(value, field);
  if (value.length > max) {
    problems.push({ path: field.split("."), message: `At most ${max} items are allowed.` });
    return value;
  }
  return value.map((item, index) => (depth > 1 ? mapList(item, { ...list, depth: depth - 1, field: `${field}.${index}` }) : map(item, `${field}.${index}`)));
}

SchemaBuilder.registerPlugin("inputRules", InputRulesPlugin);

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      inputRules: InputRulesPlugin<Types>;
    }
    export interface FieldOptions<
      Types extends SchemaTypes = SchemaTypes,
      ParentShape = unknown,
      Type extends TypeParam<Types> = TypeParam<Types>,
      Nullable extends FieldNullability<Type> = FieldNullability<Type>,
      Args extends InputFieldMap = InputFieldMap,
      ResolveShape = unknown,
      ResolveReturnShape = unknown,
    > {
      /** The field's own input checks (read-only), run when the text rules refuse some input, so one error lists every bad field. */
      checkInput?: InputCheck<Types["Context"]>;
    }
    export interface InputFieldOptions<
      Types extends SchemaTypes = SchemaTypes,
      Type extends InputType<Types> | [InputType<Types>] = InputType<Types> | [InputType<Types>],
      Req extends FieldRequiredness<Type> = FieldRequiredness<Type>,
    > {
      /** What text this String holds, checked and normalised by src/text.ts before any resolver reads it. */
      text?: TextRule;
      /** A list's most items, when not MAX_LIST_ITEMS (an article body's blocks). */
      maxItems?: number;
    }
  }
}
