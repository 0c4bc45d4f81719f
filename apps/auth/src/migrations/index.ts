import { MESSAGING_MIGRATIONS } from '@app/messaging';
import { AuthSchema1763800100000 } from './1763800100000-AuthSchema.js';
import { ApiKeys1763801400000 } from './1763801400000-ApiKeys.js';
import { LoginAccountBackoff1764100100000 } from './1764100100000-LoginAccountBackoff.js';
import { EmailVerificationAndInvitations1764100500000 } from './1764100500000-EmailVerificationAndInvitations.js';

/** Every migration of the auth schema, oldest first. */
export const AUTH_MIGRATIONS = [
  ...MESSAGING_MIGRATIONS,
  AuthSchema1763800100000,
  ApiKeys1763801400000,
  LoginAccountBackoff1764100100000,
  EmailVerificationAndInvitations1764100500000,
];
