export { default as PgBoss } from 'pg-boss';
export * from './jobs.module.js';
export * from './job-queue.js';
