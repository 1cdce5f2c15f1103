// Input rules for comments: what a guest must give and what a body may be. The schema applies the
// text rules to the fields that carry them; the functions below apply them again for callers that
// come in by another way, and check what text alone cannot (an address).
import validator from "validator";
import { ValidationError } from "../errors.js";
import { cleanText, type TextRule } from "../text.js";

export const MAX_BODY = 5000;
export const MAX_NAME = 80;
/** The longest address SMTP carries (RFC 5321). */
export const MAX_EMAIL = 254;

export const COMMENT_BODY: TextRule = { kind: "multiline", required: true, maxLength: MAX_BODY };
export const GUEST_NAME: TextRule = { kind: "name", required: true, maxLength: MAX_NAME };
export const GUEST_EMAIL: TextRule = { kind: "line", required: true, maxLength: MAX_EMAIL };

/** A comment body, normalised; throws ValidationError on "body". */
export function cleanBody(body: string): string {
  return cleanText(body, "body", COMMENT_BODY);
}

/** A guest's name and address, normalised; throws ValidationError naming the field at fault. */
export function cleanGuest(guest: { name?: string | null; email?: string | null } | null | undefined): { name: string; email: string } {
  if (!guest?.name) throw new ValidationError("Guests must give a name.", "guest.name");
  const name = cleanText(guest.name, "guest.name", GUEST_NAME);
  return { name, email: cleanEmail(guest.email ?? "", "guest.email") };
}

/**
 * An address as stored: checked by validator's isEmail, its local part as given (the mailbox's
 * owner decides its case), its domain lowercased (domains ignore case). Compare with emailKey.
 */
export function cleanEmail(value: string, field: string): string {
  // Never echo the address back: error messages are public.
  const refused = new ValidationError("Guests must give a valid email address; it is never published.", field);
  let email: string;
  try {
    email = cleanText(value, field, GUEST_EMAIL);
  } catch {
    throw refused;
  }
  if (!validator.isEmail(email, { require_tld: true, allow_ip_domain: false, allow_display_name: false })) throw refused;
  const at = email.lastIndexOf("@");
  return `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`;
}

/** The form in which two addresses are the same mailbox, for lookups (bans, a guest's history): all lowercased. */
export function emailKey(email: string): string {
  return email.toLowerCase();
}
