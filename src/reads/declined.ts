// Why a read is left to Prisma: thrown anywhere in the compiler, caught where the read is decided.

/** Why a read is left to Prisma: a short phrase, counted in /metrics. */
export class Declined extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Throws Declined with `reason`. */
export function decline(reason: string): never {
  throw new Declined(reason);
}
