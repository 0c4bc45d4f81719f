import { describe, expect, it } from '@jest/globals';
import { isPublicAddress } from './address-policy.js';
import { BlockedAddressError, safeFetch } from './safe-fetch.js';

// Every special-purpose range of RFC 6890 (and its updates: RFC 8190, 9637, 9602), by its first address
// after the network's own, a typical one and its last, so an off-by-one prefix shows.
const SPECIAL_IPV4: Array<[range: string, samples: string[]]> = [
  ['0.0.0.0/8 this network', ['0.0.0.0', '0.1.2.3', '0.255.255.255']],
  ['10.0.0.0/8 private', ['10.0.0.1', '10.20.30.40', '10.255.255.255']],
  ['100.64.0.0/10 shared (CGN)', ['100.64.0.1', '100.100.100.200', '100.127.255.255']],
  ['127.0.0.0/8 loopback', ['127.0.0.1', '127.1.2.3', '127.255.255.254']],
  ['169.254.0.0/16 link local (cloud metadata)', ['169.254.0.1', '169.254.169.254', '169.254.255.255']],
  ['172.16.0.0/12 private', ['172.16.0.1', '172.20.1.1', '172.31.255.255']],
  ['192.0.0.0/24 IETF protocol assignments', ['192.0.0.1', '192.0.0.8', '192.0.0.170', '192.0.0.255']],
  ['192.0.2.0/24 documentation', ['192.0.2.1', '192.0.2.255']],
  ['192.88.99.0/24 6to4 relay anycast', ['192.88.99.1']],
  ['192.168.0.0/16 private', ['192.168.0.1', '192.168.255.255']],
  ['198.18.0.0/15 benchmarking', ['198.18.0.1', '198.19.255.255']],
  ['198.51.100.0/24 documentation', ['198.51.100.7']],
  ['203.0.113.0/24 documentation', ['203.0.113.7']],
  ['224.0.0.0/4 multicast', ['224.0.0.1', '239.255.255.255']],
  ['240.0.0.0/4 reserved', ['240.0.0.1', '255.255.255.254']],
  ['255.255.255.255/32 limited broadcast', ['255.255.255.255']],
];

const SPECIAL_IPV6: Array<[range: string, samples: string[]]> = [
  ['::/128 unspecified', ['::']],
  ['::1/128 loopback', ['::1']],
  ['::/96 IPv4-compatible (deprecated)', ['::102:304', '::808:808']],
  ['64:ff9b:1::/48 local-use NAT64', ['64:ff9b:1::a00:1']],
  ['100::/64 discard only', ['100::1']],
  ['2001::/23 IETF protocol assignments', ['2001:1ff::1']],
  ['2001::/32 Teredo', ['2001::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2']],
  ['2001:2::/48 benchmarking', ['2001:2::1']],
  ['2001:10::/28 ORCHID', ['2001:10::1']],
  ['2001:20::/28 ORCHIDv2', ['2001:20::1']],
  ['2001:db8::/32 documentation', ['2001:db8::1', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff']],
  ['2002::/16 6to4', ['2002:7f00:1::1', '2002:808:808::1']],
  ['3fff::/20 documentation', ['3fff::1']],
  ['5f00::/16 segment routing', ['5f00::1']],
  ['fc00::/7 unique local', ['fc00::1', 'fd12:3456:789a::1', 'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff']],
  ['fe80::/10 link local', ['fe80::1', 'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff']],
  ['fec0::/10 site local (deprecated)', ['fec0::1']],
  ['ff00::/8 multicast', ['ff02::1', 'ff0e::101']],
];

/** Every way a URL can spell an IPv4 address, each of which the WHATWG URL parser accepts. */
function ipv4Notations(dotted: string): string[] {
  const parts = dotted.split('.').map(Number);
  const value = parts.reduce((sum, part) => sum * 256 + part, 0);
  const hex = (n: number, width = 0) => n.toString(16).padStart(width, '0');
  const high = hex(Math.floor(value / 65536));
  const low = hex(value % 65536);
  return [
    dotted,
    String(value), // 2130706433
    `0x${hex(value, 8)}`, // 0x7f000001
    `0${value.toString(8)}`, // 017700000001
    parts.map((part) => `0${part.toString(8)}`).join('.'), // 0177.00.00.01
    parts.map((part) => `0x${hex(part)}`).join('.'), // 0x7f.0x0.0x0.0x1
    `${parts[0]}.${parts[1]}.${parts[2] * 256 + parts[3]}`, // 127.0.1
    `${parts[0]}.${value % 16777216}`, // 127.1
    `[::ffff:${dotted}]`, // IPv4-mapped
    `[::ffff:${high}:${low}]`,
    `[0:0:0:0:0:ffff:${dotted}]`,
    `[::${dotted}]`, // IPv4-compatible
    `[::${high}:${low}]`,
    `[64:ff9b::${dotted}]`, // NAT64, well-known prefix
    `[64:ff9b::${high}:${low}]`,
    `[::ffff:0:${dotted}]`, // SIIT IPv4-translated
  ];
}

/** A compressed IPv6 address spelled out in full, with leading zeros, and in capitals. */
function ipv6Notations(address: string): string[] {
  const [head, tail = ''] = address.split('::');
  const groups = (text: string) => (text === '' ? [] : text.split(':'));
  const missing = 8 - groups(head).length - groups(tail).length;
  const full = address.includes('::')
    ? [...groups(head), ...Array<string>(missing).fill('0'), ...groups(tail)]
    : groups(address);
  return [
    `[${address}]`,
    `[${full.join(':')}]`,
    `[${full.map((group) => group.padStart(4, '0')).join(':')}]`,
    `[${address.toUpperCase()}]`,
  ];
}

/** The notations whose URL safeFetch did not refuse before connecting. */
async function notRefused(hosts: string[]): Promise<string[]> {
  const outcomes = await Promise.all(
    hosts.map(async (host) => {
      const error = await safeFetch(`http://${host}:9/`, { allowPrivate: false, timeoutMs: 2000 }).then(
        () => null,
        (reason: unknown) => reason,
      );
      return error instanceof BlockedAddressError ? null : `${host} (${String(error)})`;
    }),
  );
  return outcomes.filter((outcome): outcome is string => outcome !== null);
}

describe('the special-purpose address ranges', () => {
  it.each(SPECIAL_IPV4)('refuses %s in every IPv4 and IPv6 notation', async (_range, samples) => {
    expect(await notRefused(samples.flatMap(ipv4Notations))).toEqual([]);
  });

  it.each(SPECIAL_IPV6)('refuses %s in every notation', async (_range, samples) => {
    expect(await notRefused(samples.flatMap(ipv6Notations))).toEqual([]);
  });

  it('refuses them where a DNS answer gives them, in the form the resolver writes', () => {
    const answers = [...SPECIAL_IPV4, ...SPECIAL_IPV6].flatMap(([, samples]) => samples);
    expect(answers.filter(isPublicAddress)).toEqual([]);
    expect(
      ['::127.0.0.1', '::8.8.8.8', '::ffff:0:10.0.0.1', '64:ff9b::169.254.169.254'].filter(isPublicAddress),
    ).toEqual([]);
  });

  it('accepts public addresses, also their neighbours at each range edge and when mapped or behind NAT64', () => {
    const publicOnes = [
      '1.1.1.1',
      '8.8.8.8',
      '9.255.255.255',
      '11.0.0.0',
      '100.63.255.255',
      '100.128.0.0',
      '126.255.255.255',
      '128.0.0.0',
      '172.15.255.255',
      '172.32.0.0',
      '192.0.1.0',
      '192.167.255.255',
      '192.169.0.0',
      '198.17.255.255',
      '198.20.0.0',
      '223.255.255.255',
      '::ffff:8.8.8.8',
      '::ffff:808:808',
      '64:ff9b::808:808',
      '2606:4700:4700::1111',
      '2a00:1450:4001:80b::200e',
    ];
    expect(publicOnes.filter((address) => !isPublicAddress(address))).toEqual([]);
  });
});
