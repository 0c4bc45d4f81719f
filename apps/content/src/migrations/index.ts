import { MessagingTables1763800000000 } from '@app/messaging';
import { Products1763800200000 } from './1763800200000-Products.js';

/** Every migration of the content schema, oldest first. */
export const CONTENT_MIGRATIONS = [MessagingTables1763800000000, Products1763800200000];
