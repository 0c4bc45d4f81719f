import { describe, expect, it } from '@jest/globals';
import { formatMoney, fromMinor, minorDigits, toMinor } from './money';

describe('money', () => {
  it('knows how many minor digits a currency has', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    expect(minorDigits('not a currency')).toBe(2);
  });

  it('turns what people type into minor units without float drift', () => {
    expect(toMinor(19.99, 'USD')).toBe(1999);
    expect(toMinor('0.29', 'EUR')).toBe(29);
    expect(toMinor(1200, 'JPY')).toBe(1200);
    expect(toMinor(1.234, 'KWD')).toBe(1234);
    expect(toMinor('', 'USD')).toBeNull();
    expect(toMinor(null, 'USD')).toBeNull();
  });

  it('shows minor units as decimals', () => {
    expect(fromMinor(1999, 'USD')).toBe(19.99);
    expect(fromMinor(1200, 'JPY')).toBe(1200);
    expect(fromMinor(null, 'USD')).toBe('');
    expect(formatMoney(1250, 'EUR', 'en-US')).toBe('€12.50');
    expect(formatMoney(null, 'EUR')).toBe('—');
  });
});
