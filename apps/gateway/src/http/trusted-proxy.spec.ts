import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
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

  it('gives Fastify the address the nearest trusted proxy saw, never one the client wrote', () => {
    // What Fastify does for request.ip with a trustProxy function: the last address of proxyAddr.all.
    const clientIp = (trust: Parameters<typeof proxyTrust>[0]) => {
      const request = {
        socket: { remoteAddress: '10.0.0.5' },
        headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' },
      } as unknown as IncomingMessage;
      return proxyAddr.all(request, proxyTrust(trust)).at(-1);
    };
    expect(clientIp(false)).toBe('10.0.0.5');
    expect(clientIp(1)).toBe('203.0.113.7');
    expect(clientIp(['10.0.0.0/8'])).toBe('203.0.113.7');
    expect(clientIp(['192.168.0.0/16'])).toBe('10.0.0.5');
  });

  it('with a list, trusts only peers inside it', () => {
    const trust = proxyTrust(['10.0.0.0/8', 'loopback']);
    expect(isFromTrustedProxy(trust, '10.200.0.1')).toBe(true);
    expect(isFromTrustedProxy(trust, '::1')).toBe(true);
    expect(isFromTrustedProxy(trust, '203.0.113.9')).toBe(false);
    expect(isFromTrustedProxy(trust, undefined)).toBe(false);
  });
});
