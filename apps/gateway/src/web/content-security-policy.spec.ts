import { describe, expect, it } from '@jest/globals';
import type { AppConfig } from '@app/config';
import { contentSecurityPolicy } from './content-security-policy.js';

const configWith = (storage: Partial<AppConfig['storage']>, publicBaseUrl = 'http://localhost:3000') =>
  ({ publicBaseUrl, storage: { driver: 'filesystem', s3: {}, ...storage } }) as unknown as AppConfig;

describe('contentSecurityPolicy', () => {
  it('lets pages show signed media from the public address, whatever address the page was opened at', () => {
    const directives = contentSecurityPolicy(configWith({}));
    expect(directives.imgSrc).toEqual([`'self'`, 'data:', 'blob:', 'http://localhost:3000']);
    expect(directives.mediaSrc).toContain('http://localhost:3000');
    expect(directives.scriptSrc).toEqual([`'self'`]);
    expect(directives.connectSrc).toEqual([`'self'`]);
  });

  it('adds the object store when media live in S3', () => {
    const s3 = { endpoint: 'http://minio:9000', publicEndpoint: 'https://cdn.example.com/bucket' };
    const directives = contentSecurityPolicy(
      configWith({ driver: 's3', s3 } as Partial<AppConfig['storage']>, 'https://app.example.com'),
    );
    expect(directives.imgSrc).toEqual([
      `'self'`,
      'data:',
      'blob:',
      'https://app.example.com',
      'https://cdn.example.com',
    ]);
  });
});
