import { type AppConfig, loadConfig } from '@app/config';

/** Config for a test: defaults plus the given environment, never the developer's own environment. */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({ LOG_LEVEL: 'silent', ...env });
}
