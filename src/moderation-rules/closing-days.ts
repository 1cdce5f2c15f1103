// How many days after publication comments may be set to close: the site's default and an
// article's own (src/comments/closing.ts reads them).
import { ValidationError } from "../errors.js";

/** Longest closing period an editor or admin may set, in days (ten years). */
export const MAX_CLOSE_AFTER_DAYS = 3650;

/** Whether `days` is a closing period one may set: a whole number from 1 to MAX_CLOSE_AFTER_DAYS. */
export function validCloseAfterDays(days: number): boolean {
  return Number.isInteger(days) && days >= 1 && days <= MAX_CLOSE_AFTER_DAYS;
}

/** Refuses (ValidationError on `field`) a number of days validCloseAfterDays refuses. */
export function checkCloseAfterDays(days: number, field: string): void {
  if (!validCloseAfterDays(days)) throw new ValidationError(`Comments close between 1 and ${MAX_CLOSE_AFTER_DAYS} days after publication.`, field);
}
