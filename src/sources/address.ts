/**
 * Which network addresses a source may be fetched from. Users type feed URLs, so by default only
 * public unicast addresses are reachable: never loopback, private, link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, multicast or addresses that embed another (6to4, NAT64).
 */
import net from "node:net";
import ipaddr from "ipaddr.js";

/** `true`: any address; a list of CIDR ranges: public addresses plus those ranges; `false`: public only. */
export type PrivateAddressPolicy = boolean | string[];

/** The policy written in NEWSBRIEF_ALLOW_PRIVATE_SOURCES: "true", "false", or "10.0.0.0/8,192.168.1.0/24". */
export function parsePrivatePolicy(value: string | undefined): PrivateAddressPolicy | { error: string } {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "" || v === "false" || v === "0" || v === "no") return false;
  if (v === "true" || v === "1" || v === "yes") return true;
  const ranges = v
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = ranges.filter((r) => !ipaddr.isValidCIDR(r) && !ipaddr.isValid(r));
  if (bad.length > 0)
    return { error: `must be true, false or CIDR ranges such as 10.0.0.0/8 (not ${bad.join(", ")})` };
  return ranges;
}

/** Why an address may not be fetched, or undefined when it may. */
export function refusedAddress(address: string, policy: PrivateAddressPolicy): string | undefined {
  if (policy === true) return undefined;
  const bare = address.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(bare)) return `${address} is not an IP address`;
  const ip = ipaddr.process(bare);
  const range = ip.range();
  if (range === "unicast") return undefined;
  if (Array.isArray(policy)) {
    for (const entry of policy) {
      const [base, bits] = entry.includes("/") ? ipaddr.parseCIDR(entry) : [ipaddr.process(entry), undefined];
      if (base.kind() === ip.kind() && ip.match(base, bits ?? (ip.kind() === "ipv4" ? 32 : 128)))
        return undefined;
    }
  }
  return `${bare} is a ${describeRange(range)} address`;
}

function describeRange(range: string): string {
  switch (range) {
    case "loopback":
      return "loopback";
    case "private":
    case "uniqueLocal":
      return "private";
    case "linkLocal":
      return "link-local";
    case "carrierGradeNat":
      return "carrier-grade NAT";
    case "unspecified":
      return "unspecified";
    default:
      return `non-public (${range})`;
  }
}

export function isIpLiteral(host: string): boolean {
  return net.isIP(host.replace(/^\[|\]$/g, "")) !== 0;
}
