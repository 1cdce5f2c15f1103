// Who a reader is when they react or report: their sign-in, or a guest's per-browser reader key.

/** The prefix of a signed-in reader's key: guests can make up reader keys, signed-in readers cannot. */
export const SIGNED_IN = "user:";

/**
 * "user:<subject>" for a signed-in reader, "guest:<SHA-256 of the reader key>" for a guest when
 * `guests` may take part, null otherwise.
 */
export function readerKeyOf(ctx: { viewer: { id: string } | null; readerKeyHash: string | null }, guests: boolean): string | null {
  if (ctx.viewer) return `${SIGNED_IN}${ctx.viewer.id}`;
  return ctx.readerKeyHash && guests ? `guest:${ctx.readerKeyHash}` : null;
}
