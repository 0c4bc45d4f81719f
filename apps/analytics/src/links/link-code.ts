import { randomInt } from 'node:crypto';
import { LINK_CODE_LENGTH } from '@app/contracts';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random short code: LINK_CODE_LENGTH (8) characters of a 56-symbol alphabet without look-alikes (~46 bits). */
export function newLinkCode(): string {
  let code = '';
  for (let i = 0; i < LINK_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}
