import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * True for addresses any host on the internet can have: not loopback, private, link-local (cloud metadata
 * 169.254.169.254), carrier-grade NAT, multicast, reserved or unspecified, in IPv4 or IPv6 (mapped too).
 */
export function isPublicAddress(address: string): boolean {
  if (!isIP(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}
