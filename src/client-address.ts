// Which address a request comes from. The socket's peer is the client unless it is a proxy this
// server trusts (TRUST_PROXY); only then is X-Forwarded-For read, from the right, one trusted hop at
// a time, so a client cannot name its own address by sending the header.
import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";

/** Which peers are proxies: none, the nearest `hops`, or those within the listed addresses and ranges. */
export type TrustProxy = { hops: number } | { proxies: string[] };

/** Names for the private ranges a proxy usually sits in, as Express spells them. */
const NAMED_RANGES: Record<string, string[]> = {
  loopback: ["127.0.0.1/8", "::1/128"],
  linklocal: ["169.254.0.0/16", "fe80::/10"],
  uniquelocal: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
};

/** TRUST_PROXY's text (empty or "false", a hop count, or a comma-separated list of addresses, CIDRs and range names) as a TrustProxy; throws on a bad entry. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? "").trim();
  if (text === "" || text === "false") return { hops: 0 };
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const proxies = text.split(",").map((entry) => entry.trim()).filter(Boolean);
  blockListOf(proxies);
  return { proxies };
}

function blockListOf(proxies: string[]): BlockList {
  const list = new BlockList();
  for (const entry of proxies.flatMap((name) => NAMED_RANGES[name] ?? [name])) {
    const [address, prefix] = entry.split("/");
    const family = isIP(address ?? "");
    if (!family) throw new Error(`"${entry}" is not an address, a CIDR range or one of ${Object.keys(NAMED_RANGES).join(", ")}`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address!, type);
    else if (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)) list.addSubnet(address!, Number(prefix), type);
    else throw new Error(`"${entry}" has an invalid prefix length`);
  }
  return list;
}

/** An address without IPv4-mapped IPv6 dress (`::ffff:10.0.0.1` is `10.0.0.1`), or null when not an address. */
export function normalizeAddress(value: string | undefined | null): string | null {
  const address = value?.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1") ?? "";
  return isIP(address) ? address.toLowerCase() : null;
}

/** The client's address from the socket's peer and the X-Forwarded-For header, as far as `trust` allows. */
export type AddressResolver = (peer: { socketAddress: string | undefined; forwardedFor: string | null | undefined }) => string | null;

/** Builds the resolver for a TRUST_PROXY setting. */
export function createAddressResolver(trust: TrustProxy): AddressResolver {
  const list = "proxies" in trust ? blockListOf(trust.proxies) : null;
  const isTrusted = (address: string, hop: number) =>
    list ? list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6") : hop < (trust as { hops: number }).hops;

  return ({ socketAddress, forwardedFor }) => {
    let client = normalizeAddress(socketAddress);
    if (!client) return null;
    // Nearest first: each entry was appended by the hop in front of it.
    const forwarded = (forwardedFor ?? "").split(",").map((entry) => entry.trim()).filter(Boolean).reverse();
    for (let hop = 0; hop < forwarded.length && isTrusted(client, hop); hop++) {
      const next = normalizeAddress(forwarded[hop]);
      // A trusted proxy passing on something that is not an address: the proxy is as far as is known.
      if (!next) break;
      client = next;
    }
    return client;
  };
}

/** The client address of a Node request (an HTTP request or a WebSocket upgrade). */
export function addressOfRequest(resolve: AddressResolver, request: IncomingMessage): string | null {
  const header = request.headers["x-forwarded-for"];
  return resolve({ socketAddress: request.socket.remoteAddress, forwardedFor: Array.isArray(header) ? header.join(",") : header });
}
