// Every String a client sends, as an argument or inside an input object, passes src/text.ts's
// rule before any resolver reads it: no field, current or future, can forget it. A field names
// what it holds with `text: { kind, required, maxLength }`, which also writes its description;
// one that names nothing is held to the default: one line, no control characters, 1,000 characters.
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
import { cleanText, describeText, type TextRule } from "./text.js";

type Mappings = Map<string, InputFieldMapping<SchemaTypes, TextRule | null>>;

class TextInputsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
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
    const mappings = this.textArguments(fieldConfig);
    if (!mappings) return resolver;
    return (parent, args, context, info) => resolver(parent, cleanInputs(args as Record<string, unknown>, mappings, null), context, info);
  }

  override wrapSubscribe(
    subscribe: GraphQLFieldResolver<unknown, Types["Context"], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> | undefined {
    const mappings = subscribe && this.textArguments(fieldConfig);
    if (!subscribe || !mappings) return subscribe;
    return (parent, args, context, info) => subscribe(parent, cleanInputs(args as Record<string, unknown>, mappings, null), context, info);
  }

  /** The String inputs a field takes, at any depth, with their rules; null when it takes none. */
  private textArguments(fieldConfig: PothosOutputFieldConfig<Types>): Mappings | null {
    return mapInputFields(fieldConfig.args, this.buildCache, (input) => {
      const config = this.buildCache.getTypeConfig(unwrapInputFieldType(input.type));
      if (config.kind !== "Scalar" || config.name !== "String") return null;
      return (input.extensions?.text as TextRule | undefined) ?? {};
    }) as Mappings | null;
  }
}

/** `values` with every String cleaned; `path` names the field in errors (a mutation's `input.` left out). */
function cleanInputs(values: Record<string, unknown>, mappings: Mappings, path: string | null): Record<string, unknown> {
  const cleaned = { ...values };
  for (const [name, mapping] of mappings) {
    const value = values[name];
    if (value == null) continue;
    const field = path === null ? (name === "input" && mapping.kind === "InputObject" ? "" : name) : path ? `${path}.${name}` : name;
    const clean = (item: unknown): unknown => {
      if (item == null) return item;
      if (mapping.kind === "InputObject") return mapping.fields.map ? cleanInputs(item as Record<string, unknown>, mapping.fields.map as Mappings, field) : item;
      return typeof item === "string" ? cleanText(item, field, mapping.value ?? {}) : item;
    };
    cleaned[name] = mapping.isList ? mapList(value, mapping.listDepth, clean) : clean(value);
  }
  return cleaned;
}

function mapList(value: unknown, depth: number, map: (item: unknown) => unknown): unknown {
  if (!Array.isArray(value)) return map(value);
  return value.map((item) => (depth > 1 ? mapList(item, depth - 1, map) : map(item)));
}

SchemaBuilder.registerPlugin("textInputs", TextInputsPlugin);

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      textInputs: TextInputsPlugin<Types>;
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
