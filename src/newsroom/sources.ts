// Creating and changing sources, and the person <-> organisation link. Authors, editors and admins
// write them: the newsroom cites new people every day.
import type { Context } from "../context.js";
import { NotFoundError, type FieldProblem } from "../errors.js";
import type { SourceKind } from "../generated/prisma/client.js";
import { writeArticles } from "../articles/transaction.js";
import type { Tx } from "../events/record.js";
import { SOURCE_TYPES } from "./cached-types.js";
import { checkHttpUrl, Problems, problemsOf } from "./inputs.js";

/** Kinds a person may belong to. */
export const ORGANIZATION_KINDS: readonly SourceKind[] = ["ORGANIZATION", "PUBLICATION"];

/** A source's writable fields: undefined leaves a field as it is, null clears it. */
export interface SourceFields {
  kind?: SourceKind | null;
  name?: string | null;
  url?: string | null;
  description?: string | null;
  role?: string | null;
  organizationId?: number | null;
}

/** Creates a source; gives its id. Throws ValidationError listing every bad field. */
export async function createSource(ctx: Context, input: SourceFields & { kind: SourceKind; name: string }): Promise<{ id: number }> {
  const { result } = await writeArticles(ctx, async (tx, log) => {
    await checkSource(tx, { id: null, kind: input.kind, input });
    const row = await tx.source.create({ data: sourceData(input) as never, select: { id: true } });
    log.touched(...SOURCE_TYPES);
    return row;
  });
  return result;
}

/** Changes a source's fields; gives its id. Throws NotFoundError, or ValidationError listing every bad field. */
export async function updateSource(ctx: Context, id: number, input: SourceFields): Promise<{ id: number }> {
  const { result } = await writeArticles(ctx, async (tx, log) => {
    const current = await tx.source.findUnique({ where: { id }, select: { kind: true } });
    if (!current) throw new NotFoundError("Source");
    await checkSource(tx, { id, kind: input.kind ?? current.kind, input });
    await tx.source.update({ where: { id }, data: sourceData(input) });
    log.touched(...SOURCE_TYPES, "Citation", "Image");
    return { id };
  });
  return result;
}

/** Every problem of a source's fields, read-only: the input checks beside refused text (src/input-rules.ts). */
export function sourceProblems(db: Tx, options: { id: number | null; input: SourceFields }): Promise<FieldProblem[]> {
  return problemsOf(() => checkSource(db, { ...options, kind: options.input.kind ?? "ORGANIZATION" }));
}

/** The columns to write: given fields only, a null name or kind left alone (checkSource refuses them). */
function sourceData(input: SourceFields) {
  const { kind, name, ...rest } = input;
  return { ...(kind != null && { kind }), ...(name != null && { name }), ...rest };
}

async function checkSource(tx: Tx, options: { id: number | null; kind: SourceKind; input: SourceFields }): Promise<void> {
  const { id, kind, input } = options;
  const problems = new Problems();
  if (input.kind === null) problems.add(["kind"], "A source needs a kind.");
  if (input.name === null) problems.add(["name"], "A source needs a name.");
  checkHttpUrl(problems, input.url, ["url"]);
  if (input.organizationId != null) {
    if (input.organizationId === id) problems.add(["organizationId"], "A source cannot belong to itself.");
    else {
      const organization = await tx.source.findUnique({ where: { id: input.organizationId }, select: { kind: true, organizationId: true } });
      if (!organization) problems.add(["organizationId"], "No such source.");
      else if (!ORGANIZATION_KINDS.includes(organization.kind)) problems.add(["organizationId"], "Must be an ORGANIZATION or PUBLICATION source.");
      // One level of membership: an organisation that belongs to this source would make a loop.
      else if (id !== null && organization.organizationId === id) problems.add(["organizationId"], "That organisation belongs to this source.");
    }
  }
  if (id !== null && !ORGANIZATION_KINDS.includes(kind) && (await tx.source.count({ where: { organizationId: id } })) > 0) {
    problems.add(["kind"], "This source has members, so it must stay an ORGANIZATION or PUBLICATION.");
  }
  problems.throwIfAny();
}
