import { isIP } from 'node:net';
import { ConfigError, type Env, readOptional } from './env.js';

/**
 * Which peers may tell the gateway the client's address (`X-Forwarded-For`) and country: nobody (false), the
 * nearest N hops, or peers whose address is in a list of addresses, CIDR ranges and the names `loopback`,
 * `linklocal`, `uniquelocal` (the forms Fastify's `trustProxy` accepts).
 */
export type TrustProxy = false | number | string[];

const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** `TRUST_PROXY`: empty/`false` (default), a hop count, or a comma-separated list; `true` (trust anyone) is refused. */
export function readTrustProxy(env: Env): TrustProxy {
  const raw = readOptional(env, 'TRUST_PROXY')?.trim();
  if (raw === undefined || ['false', '0', 'no', 'off'].includes(raw.toLowerCase())) return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 0 && hops <= 10) return hops;
    throw new ConfigError(`TRUST_PROXY must be a hop count between 1 and 10, got "${raw}"`);
  }
  if (raw.toLowerCase() === 'true') {
    throw new ConfigError(
      'TRUST_PROXY=true would let any client choose its address; give the number of proxies in front of ' +
        'the gateway (e.g. 1) or their addresses (e.g. 10.0.0.0/8)',
    );
  }
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const invalid = entries.find((entry) => !isTrustedPeer(entry));
  if (invalid !== undefined) {
    throw new ConfigError(
      `TRUST_PROXY must be a hop count or a list of addresses, CIDR ranges or ${NAMED_RANGES.join('/')}, ` +
        `got "${invalid}"`,
    );
  }
  return entries;
}

function isTrustedPeer(entry: string): boolean {
  if (NAMED_RANGES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
