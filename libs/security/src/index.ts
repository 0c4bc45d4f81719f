export * from './address-policy.js';
export * from './safe-fetch.js';
export * from './standard-webhook.js';
export * from './token-cipher.js';
export * from './persisted-secret.js';
