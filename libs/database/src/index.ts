export * from './bulk-insert.js';
export * from './data-source.js';
export * from './database.module.js';
export { isUniqueViolation } from './errors.js';
export { TransactionHost } from './transaction-host.js';
