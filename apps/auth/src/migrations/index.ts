import { MessagingTables1763800000000 } from '@app/messaging';
import { AuthSchema1763800100000 } from './1763800100000-AuthSchema.js';

/** Every migration of the auth schema, oldest first. */
export const AUTH_MIGRATIONS = [MessagingTables1763800000000, AuthSchema1763800100000];
