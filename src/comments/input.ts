// Input rules for comments: what a guest must give and what a body may be.
import { ValidationError } from "../errors.js";

export const MAX_BODY = 5000;
export const MAX_NAME = 80;

export function cleanBody(body: string): string {
  const trimmed = body.trim();
  if (trimmed.length === 0) throw new ValidationError("Write something before posting.", "body");
  if (trimmed.length > MAX_BODY) throw new ValidationError(`Comments are limited to ${MAX_BODY} characters.`, "body");
  return trimmed;
}

export function cleanGuest(guest: { name?: string | null; email?: string | null } | null | undefined): { name: string; email: string } {
  const name = guest?.name?.trim() ?? "";
  const email = guest?.email?.trim() ?? "";
  if (!name) throw new ValidationError("Guests must give a name.", "guest.name");
  if (name.length > MAX_NAME) throw new ValidationError(`Names are limited to ${MAX_NAME} characters.`, "guest.name");
  // Never echo the address back: error messages are public.
  if (!/^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/.test(email) || email.length > 254) {
    throw new ValidationError("Guests must give a valid email address; it is never published.", "guest.email");
  }
  return { name, email: email.toLowerCase() };
}
