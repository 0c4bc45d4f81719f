import { dictionary } from '@zxcvbn-ts/language-common';
import { InvalidError, MIN_PASSWORD_LENGTH } from '@app/contracts';

let commonPasswords: ReadonlySet<string> | undefined;

/** The ~49k most common passwords (zxcvbn's list), lowercased; built on first use. */
function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

/** Throws a 400 explaining why, when a new password is too short or among the commonly used ones. */
export function assertStrongPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new InvalidError(`password must be at least ${MIN_PASSWORD_LENGTH} characters long`, {
      fields: [{ field: 'password', messages: ['too short'] }],
    });
  }
  if (isCommonPassword(password)) {
    throw new InvalidError('This password is too common; choose one that is harder to guess', {
      fields: [{ field: 'password', messages: ['too common'] }],
    });
  }
}
