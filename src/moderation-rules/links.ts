// Links in a comment: how many, and which hosts they and any bare domain name point to. Text is
// cut into words and names first, so no pattern backtracks across a long run of dots or dashes.
import validator from "validator";
import { fold } from "./words.js";

/** The links in a text (a URL with a scheme, a host starting "www.", or a host followed by a path) and their hosts, folded. */
export function findLinks(text: string): { count: number; hosts: string[] } {
  const hosts: string[] = [];
  let count = 0;
  for (const [word] of text.matchAll(/\S+/g)) {
    const link = word.replace(/^[^\p{L}\p{N}]+/u, "");
    const scheme = /^(?:https?:\/\/)/i.test(link);
    const rest = scheme ? link.replace(/^https?:\/\//i, "") : link;
    const host = hostOf(rest);
    if (!scheme && !(host && (/^www\./.test(host) || rest.length > rest.split("/", 1)[0]!.length))) continue;
    count++;
    if (host) hosts.push(host);
  }
  return { count, hosts };
}

/** Every domain name the text spells, bare or in a link, folded (so a homoglyph of a domain is that domain). */
export function findHosts(text: string): string[] {
  return Array.from(fold(withDots(text)).matchAll(/[\p{L}\p{N}.-]+/gu), ([name]) => name.replace(/^[.-]+|[.-]+$/g, "")).filter(isDomain);
}

/** The host a link or domain starts with, folded, or null when it is no domain name. */
function hostOf(link: string): string | null {
  const host = fold(withDots(link)).split(/[/?#:@]/, 1)[0]!.replace(/\.+$/, "");
  return isDomain(host) ? host : null;
}

// Browsers read the ideographic and full-width full stops as a domain's dots (IDNA, UTS #46).
const withDots = (text: string) => text.replace(/[\u3002\uff0e\uff61]/g, ".");

const isDomain = (name: string) => name.includes(".") && validator.isFQDN(name, { allow_underscores: false });

/** Whether `host` is `domain` or one of its subdomains. */
export function withinDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** A domain as an admin gives it ("https://www.Example.com/x" gives "example.com"), or null when it is none. */
export function normaliseDomain(value: string): string | null {
  const host = hostOf(value.trim().replace(/^https?:\/\//i, ""));
  return host?.replace(/^www\./, "") ?? null;
}
