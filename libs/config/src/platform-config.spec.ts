import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './app-config.js';

describe('platform and publishing settings', () => {
  it('defaults X to its real endpoints, unconfigured, and publishing to safe limits', () => {
    const config = loadConfig({});
    expect(config.platforms.x).toEqual({
      clientId: undefined,
      clientSecret: undefined,
      apiBaseUrl: 'https://api.x.com',
      authUrl: 'https://x.com/i/oauth2/authorize',
      tokenUrl: 'https://api.x.com/2/oauth2/token',
    });
    expect(config.publishing).toEqual({
      tokenEncryptionKeys: [],
      callTimeoutMs: 30_000,
      maxAttempts: 5,
      concurrency: 100,
      metricsOffsets: [3_600, 21_600, 86_400, 259_200, 604_800],
      webhookRetryBaseSec: 30,
      winnerCheckSec: 300,
    });
  });

  it('reads X_* settings, trims trailing slashes, and lists encryption keys', () => {
    const config = loadConfig({
      X_CLIENT_ID: 'id',
      X_CLIENT_SECRET: 'secret',
      X_API_BASE_URL: 'http://127.0.0.1:9999/',
      TOKEN_ENCRYPTION_KEYS: 'new:AAAA, old:BBBB',
    });
    expect(config.platforms.x).toMatchObject({
      clientId: 'id',
      clientSecret: 'secret',
      apiBaseUrl: 'http://127.0.0.1:9999',
    });
    expect(config.publishing.tokenEncryptionKeys).toEqual(['new:AAAA', 'old:BBBB']);
  });

  it('refuses out-of-range publishing settings', () => {
    expect(() => loadConfig({ PUBLISH_MAX_ATTEMPTS: '0' })).toThrow(/PUBLISH_MAX_ATTEMPTS/);
    expect(() => loadConfig({ PUBLISH_CALL_TIMEOUT_MS: 'soon' })).toThrow(/PUBLISH_CALL_TIMEOUT_MS/);
  });
});
