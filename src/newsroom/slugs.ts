// Checking a slug a client gives for an author or topic.
import { MAX_SLUG, SLUG_PATTERN } from "../slugs.js";
import type { Problems } from "./inputs.js";

/** Notes a problem unless `slug` has the slug form and length. */
export function checkSlug(problems: Problems, slug: string | null | undefined, path: string[]): void {
  if (slug == null) return;
  if (slug.length > MAX_SLUG || !SLUG_PATTERN.test(slug)) {
    problems.add(path, `Must be lowercase letters and digits in words joined by single hyphens, at most ${MAX_SLUG} characters.`);
  }
}
