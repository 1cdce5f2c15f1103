// Staff badges: the newsroom role a signed-in poster held, stored on the comment when it is posted.
import type { Role, Viewer } from "../auth.js";

/** The roles a badge can show, most telling first: a reader sees a moderator's word as the moderator's. */
export const STAFF_ROLES = ["MODERATOR", "EDITOR", "AUTHOR"] as const satisfies readonly Role[];

export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * The badge for a poster: the first staff role the viewer's token names, null for readers and guests.
 * ADMIN shows as MODERATOR: an admin holds every role (hasRole), and the comment section has no admin badge.
 */
export function staffRoleOf(viewer: Viewer | null): StaffRole | null {
  if (!viewer) return null;
  if (viewer.roles.includes("ADMIN")) return "MODERATOR";
  return STAFF_ROLES.find((role) => viewer.roles.includes(role)) ?? null;
}
