export * from './app-config.js';
export * from './config.module.js';
export { ConfigError, processEnv, type Env } from './env.js';
