import { describe, expect, it } from '@jest/globals';
import { ConfigError } from './env.js';
import { readDurations } from './durations.js';

describe('readDurations', () => {
  it('reads s, m, h and d as seconds, ascending and without repeats', () => {
    expect(readDurations({ OFFSETS: '7d, 1h,6h,90s,1h' }, 'OFFSETS', '1h')).toEqual([
      90, 3600, 21_600, 604_800,
    ]);
    expect(readDurations({}, 'OFFSETS', '1h,6h,24h,72h,7d')).toEqual([
      3600, 21_600, 86_400, 259_200, 604_800,
    ]);
  });

  it('refuses what is not a positive duration of at most a year, naming the variable', () => {
    for (const raw of ['1w', '0s', '-1h', 'soon', '400d', ','])
      expect(() => readDurations({ OFFSETS: raw }, 'OFFSETS', '1h')).toThrow(ConfigError);
    expect(() => readDurations({ OFFSETS: '5x' }, 'OFFSETS', '1h')).toThrow(/OFFSETS/);
  });
});
