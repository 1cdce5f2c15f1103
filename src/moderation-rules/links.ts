// Links in a comment: how many, and which hosts they and any bare domain name point to.
import validator from "validator";
import { fold } from "./words.js";

// A link is a URL with a scheme, or a host starting "www." or followed by a path.
const LINK = /\bhttps?:\/\/[^\s<>"]+|\bwww\.[^\s<>"]+|\b(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}\/[^\s<>"]*/giu;
// A domain name anywhere, bare or inside a link: checked against blocked domains only.
const HOST = /(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}/gu;

/** The links in a text and the hosts they point to, folded. */
export function findLinks(text: string): { count: number; hosts: string[] } {
  const links = text.match(LINK) ?? [];
  const hosts = links.map((link) => hostOf(link)).filter((host): host is string => host !== null);
  return { count: links.length, hosts };
}

/** Every domain name the text spells, folded (so a homoglyph of a blocked domain is the domain). */
export function findHosts(text: string): string[] {
  return (fold(text).match(HOST) ?? []).map(trimHost).filter((host) => validator.isFQDN(host, { allow_underscores: false }));
}

function hostOf(link: string): string | null {
  const host = fold(link).replace(/^https?:\/\//, "").split(/[/?#:@]/, 1)[0] ?? "";
  const trimmed = trimHost(host);
  return trimmed === "" ? null : trimmed;
}

const trimHost = (host: string) => host.replace(/\.+$/, "");

/** Whether `host` is `domain` or one of its subdomains. */
export function withinDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** A domain as an admin gives it ("https://www.Example.com/x" → "example.com"), or null when it is none. */
export function normaliseDomain(value: string): string | null {
  const host = hostOf(value.trim());
  const domain = host?.replace(/^www\./, "") ?? "";
  return validator.isFQDN(domain) ? domain : null;
}
