import { MESSAGING_MIGRATIONS } from '@app/messaging';
import { AuthSchema1763800100000 } from './1763800100000-AuthSchema.js';

/** Every migration of the auth schema, oldest first. */
export const AUTH_MIGRATIONS = [...MESSAGING_MIGRATIONS, AuthSchema1763800100000];
