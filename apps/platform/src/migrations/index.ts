import { MessagingTables1763800000000 } from '@app/messaging';

/** Every migration of the platform schema, oldest first. */
export const PLATFORM_MIGRATIONS = [MessagingTables1763800000000];
