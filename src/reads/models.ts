// What the read path needs to know of the Prisma models: their scalar columns and how each
// relation links two tables. Read from the datamodel Pothos generates, so it follows the schema.
import { getDatamodel } from "../generated/pothos-types.js";

export interface Relation {
  model: string;
  list: boolean;
  /** To-one: the column on this model holding the target's id. */
  from?: string;
  /** To-many: the column on the target model holding this model's id. */
  to?: string;
}

export interface ModelInfo {
  name: string;
  id: string | null;
  /** Scalar field → its Prisma type (`Int`, `String`, `DateTime`, `Json`, `Boolean`) or `enum`. */
  scalars: Map<string, string>;
  /** Scalar fields that may be null. */
  nullable: Set<string>;
  /** Scalar fields that alone name at most one row: the id and single-column unique keys. */
  unique: Set<string>;
  relations: Map<string, Relation>;
}

type Field = ReturnType<typeof getDatamodel>["datamodel"]["models"][string]["fields"][number];

function build(): Map<string, ModelInfo> {
  const { models } = getDatamodel().datamodel;
  const infos = new Map<string, ModelInfo>();
  for (const [name, model] of Object.entries(models)) {
    const scalars = new Map<string, string>();
    const nullable = new Set<string>();
    const unique = new Set<string>();
    const relations = new Map<string, Relation>();
    for (const field of model.fields as Field[]) {
      if ((field.kind === "scalar" || field.kind === "enum") && !field.isRequired) nullable.add(field.name);
      if ((field.kind === "scalar" || field.kind === "enum") && (field.isId || field.isUnique)) unique.add(field.name);
      if (field.kind === "scalar") scalars.set(field.name, field.type);
      else if (field.kind === "enum") scalars.set(field.name, "enum");
      else if (field.kind === "object") {
        const link = relationOf(name, field, models[field.type]!.fields as Field[]);
        if (link) relations.set(field.name, link);
      }
    }
    const id = (model.fields as Field[]).find((field) => field.isId)?.name ?? null;
    infos.set(name, { name, id, scalars, nullable, unique, relations });
  }
  return infos;
}

function relationOf(modelName: string, field: Field, targetFields: Field[]): Relation | null {
  const from = "relationFromFields" in field ? (field.relationFromFields as string[]) : [];
  if (!field.isList) return from.length === 1 ? { model: field.type, list: false, from: from[0] } : null;
  const back = targetFields.find(
    (other) => other.relationName === field.relationName && other.type === modelName && (other.relationFromFields?.length ?? 0) === 1,
  );
  return back ? { model: field.type, list: true, to: back.relationFromFields![0] } : null;
}

export const models = build();
