import { describe, expect, it } from '@jest/globals';
import { isFromTrustedProxy, proxyTrust } from './trusted-proxy.js';

describe('proxyTrust', () => {
  it('trusts nobody when TRUST_PROXY is off, so a client-sent country header is ignored', () => {
    const trust = proxyTrust(false);
    expect(isFromTrustedProxy(trust, '127.0.0.1')).toBe(false);
    expect(isFromTrustedProxy(trust, '203.0.113.9')).toBe(false);
  });

  it('with a hop count, trusts the nearest peers and not the addresses they forwarded for', () => {
    const trust = proxyTrust(1);
    expect(isFromTrustedProxy(trust, '10.1.2.3')).toBe(true);
    expect(trust('198.51.100.1', 1)).toBe(false);
  });

  it('with a list, trusts only peers inside it', () => {
    const trust = proxyTrust(['10.0.0.0/8', 'loopback']);
    expect(isFromTrustedProxy(trust, '10.200.0.1')).toBe(true);
    expect(isFromTrustedProxy(trust, '::1')).toBe(true);
    expect(isFromTrustedProxy(trust, '203.0.113.9')).toBe(false);
    expect(isFromTrustedProxy(trust, undefined)).toBe(false);
  });
});
