import { ConfigError, type Env, readOptional } from './env.js';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
const MAX_SECONDS = 366 * 86_400;

/** A comma-separated list of durations (`30s`, `15m`, `6h`, `7d`) as whole seconds, ascending and distinct. */
export function readDurations(env: Env, name: string, fallback: string): number[] {
  const raw = readOptional(env, name) ?? fallback;
  const seconds = raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const match = /^(\d{1,6})([smhd])$/.exec(item);
      const value = match ? Number(match[1]) * UNIT_SECONDS[match[2]] : NaN;
      if (!(value > 0 && value <= MAX_SECONDS))
        throw new ConfigError(
          `${name} must list durations like "1h,6h,24h,72h,7d" (s, m, h or d; at most a year), got "${item}"`,
        );
      return value;
    });
  if (seconds.length === 0) throw new ConfigError(`${name} must list at least one duration`);
  return [...new Set(seconds)].sort((a, b) => a - b);
}
