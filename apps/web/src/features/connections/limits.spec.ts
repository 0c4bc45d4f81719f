import { describe, expect, it } from '@jest/globals';
import { describeSeconds, limitsSummary } from './limits';

describe('limitsSummary', () => {
  it('says "no cap" and "no gap" when nothing limits the account', () => {
    expect(
      limitsSummary({ dailyCap: null, minGapSec: 0, jitterSec: 0, quietStart: null, quietEnd: null }),
    ).toBe('no daily cap · no minimum gap');
  });

  it('lists cap, gap, jitter and quiet hours in words', () => {
    expect(
      limitsSummary({ dailyCap: 5, minGapSec: 1800, jitterSec: 90, quietStart: '22:00', quietEnd: '07:00' }),
    ).toBe('5 a day · 30 min apart · up to 1 min 30 s jitter · quiet 22:00–07:00');
  });

  it('keeps seconds below a minute', () => {
    expect(describeSeconds(45)).toBe('45 s');
  });
});
