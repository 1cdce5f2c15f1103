// The address a rate limit counts against. An IPv6 host is usually given a whole /64 and can
// change addresses within it at will, so IPv6 addresses are counted by their /64 prefix.
import { isIPv6 } from "node:net";

/** An IPv4 address as it is; an IPv6 address as its /64 prefix (`2001:db8:1:2::/64`). */
export function addressKey(address: string): string {
  if (!isIPv6(address)) return address;
  const bare = address.split("%")[0]!.toLowerCase();
  const [head = "", tail] = bare.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":").flatMap((group) => (group.includes(".") ? ["0", "0"] : [group])));
  const before = groups(head);
  const after = tail === undefined ? [] : groups(tail);
  const all = tail === undefined ? before : [...before, ...Array<string>(8 - before.length - after.length).fill("0"), ...after];
  return `${all.slice(0, 4).map((group) => parseInt(group, 16).toString(16)).join(":")}::/64`;
}
