import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** NAT64's well-known prefix (RFC 6052): the IPv4 address a translator reaches sits in the last 32 bits. */
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');
/** IPv4-compatible addresses (deprecated by RFC 4291): `::a.b.c.d`, which ipaddr.js files under plain unicast. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');
/** SIIT's IPv4-translated addresses (RFC 6145): `::ffff:0:a.b.c.d`. */
const IPV4_TRANSLATED = ipaddr.parseCIDR('::ffff:0:0:0/96');

/**
 * True for addresses any host on the internet can have: not loopback, private, link-local (cloud metadata
 * 169.254.169.254), carrier-grade NAT, multicast, reserved, documentation or unspecified (RFC 6890), in IPv4
 * or IPv6. An IPv6 address that carries an IPv4 one (mapped, compatible, translated, NAT64) is judged by it.
 */
export function isPublicAddress(address: string): boolean {
  if (!isIP(address)) return false;
  const parsed = ipaddr.parse(isIP(address) === 6 ? withoutDottedQuad(address) : address);
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
  const ipv6 = parsed as ipaddr.IPv6;
  // Nothing legitimate uses the deprecated compatible form, whatever IPv4 address it carries.
  if (ipv6.match(IPV4_COMPATIBLE)) return false;
  const carried = carriedIPv4(ipv6);
  return carried ? carried.range() === 'unicast' : ipv6.range() === 'unicast';
}

/**
 * `::1.2.3.4` in hexadecimal groups (`::102:304`), as the URL parser writes it: ipaddr.js reads a dotted
 * quad after `::` as IPv4-mapped (`::ffff:1.2.3.4`), which would hide the compatible form.
 */
function withoutDottedQuad(address: string): string {
  if (!address.includes('.')) return address;
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return address; // a zone id (fe80::1%eth0) is no URL host; ipaddr.js reads it
  }
}

/** The IPv4 address inside a mapped, SIIT-translated or NAT64 (well-known prefix) IPv6 address. */
function carriedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const carriesIPv4 =
    address.isIPv4MappedAddress() || address.match(IPV4_TRANSLATED) || address.match(NAT64_WELL_KNOWN);
  if (!carriesIPv4) return null;
  const bytes = address.toByteArray();
  return new ipaddr.IPv4(bytes.slice(12));
}
