import { describe, expect, it } from "vitest";
import { addressKey } from "../src/abuse/address-key.js";
import { createAddressResolver, parseTrustProxy } from "../src/client-address.js";
import { ConfigError, loadConfig } from "../src/config.js";

const resolver = (setting?: string) => createAddressResolver(parseTrustProxy(setting));

describe("the client's address", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    const resolve = resolver();
    expect(resolve({ socketAddress: "203.0.113.9", forwardedFor: undefined })).toBe("203.0.113.9");
    expect(resolve({ socketAddress: "203.0.113.9", forwardedFor: "198.51.100.1" })).toBe("203.0.113.9");
    expect(resolver("false")({ socketAddress: "203.0.113.9", forwardedFor: "198.51.100.1, 10.0.0.1" })).toBe("203.0.113.9");
  });

  it("is read from X-Forwarded-For only as far as the proxies are trusted, from the right", () => {
    const resolve = resolver("10.0.0.0/8");
    // The client prepended a spoofed entry; the trusted proxy appended the real one.
    expect(resolve({ socketAddress: "10.0.0.5", forwardedFor: "1.2.3.4, 203.0.113.9" })).toBe("203.0.113.9");
    // A chain of trusted proxies is walked through.
    expect(resolve({ socketAddress: "10.0.0.5", forwardedFor: "203.0.113.9, 10.1.1.1" })).toBe("203.0.113.9");
    // A peer outside the trusted ranges is the client, whatever it forwards.
    expect(resolve({ socketAddress: "198.51.100.7", forwardedFor: "203.0.113.9" })).toBe("198.51.100.7");
  });

  it("trusts exactly the given number of hops", () => {
    const forwardedFor = "1.2.3.4, 203.0.113.9, 10.0.0.2";
    expect(resolver("1")({ socketAddress: "10.0.0.1", forwardedFor })).toBe("10.0.0.2");
    expect(resolver("2")({ socketAddress: "10.0.0.1", forwardedFor })).toBe("203.0.113.9");
    // More hops than entries: the furthest address known.
    expect(resolver("9")({ socketAddress: "10.0.0.1", forwardedFor })).toBe("1.2.3.4");
  });

  it("stops at an entry that is not an address and keeps IPv4 addresses in their plain form", () => {
    const resolve = resolver("loopback");
    expect(resolve({ socketAddress: "::ffff:127.0.0.1", forwardedFor: "203.0.113.9, not-an-ip" })).toBe("127.0.0.1");
    expect(resolve({ socketAddress: "::1", forwardedFor: "::ffff:203.0.113.9" })).toBe("203.0.113.9");
    expect(resolve({ socketAddress: undefined, forwardedFor: "203.0.113.9" })).toBeNull();
  });

  it("refuses a TRUST_PROXY entry that is neither an address, a range nor a range name", () => {
    expect(() => loadConfig({ TRUST_PROXY: "10.0.0.0/8, proxy.internal" })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: "10.0.0.0/40" })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({}).trustProxy).toEqual({ hops: 0 });
    expect(loadConfig({ TRUST_PROXY: "loopback, 10.0.0.0/8" }).trustProxy).toEqual({ proxies: ["loopback", "10.0.0.0/8"] });
  });

  it("counts IPv6 clients by their /64, since a host can move freely within it", () => {
    expect(addressKey("203.0.113.9")).toBe("203.0.113.9");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
  });
});
