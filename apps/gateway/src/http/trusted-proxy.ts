import proxyAddr from '@fastify/proxy-addr';
import type { TrustProxy } from '@app/config';

/** Whether the peer at `hop` (0: the socket's peer, 1: the address it forwarded for, ...) is a trusted proxy. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/**
 * TRUST_PROXY as Fastify's `trustProxy` function. A hop count trusts the nearest N peers whoever they are
 * (Fastify itself refuses a bare count for that reason): only for a gateway reachable through its proxy alone.
 */
export function proxyTrust(trust: TrustProxy): ProxyTrust {
  if (trust === false) return () => false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return proxyAddr.compile(trust);
}

/** True when the request came straight from a trusted proxy, so headers that proxy sets can be believed. */
export function isFromTrustedProxy(trust: ProxyTrust, socketAddress: string | undefined): boolean {
  return socketAddress !== undefined && trust(socketAddress, 0);
}
