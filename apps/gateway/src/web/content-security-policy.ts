import type { AppConfig } from '@app/config';

type Directives = Record<string, string[]>;

/**
 * The Content-Security-Policy of every response: scripts only from Shopcast's own origin (no inline scripts),
 * media also from the object store's public address when media live in S3. Inline styles stay allowed: the
 * component library sets CSS variables and positions through style attributes.
 */
export function contentSecurityPolicy(config: AppConfig): Directives {
  const { driver, s3 } = config.storage;
  const mediaOrigins = driver === 's3' ? [new URL(s3.publicEndpoint ?? s3.endpoint).origin] : [];
  return {
    defaultSrc: [`'self'`],
    scriptSrc: [`'self'`],
    styleSrc: [`'self'`, `'unsafe-inline'`],
    imgSrc: [`'self'`, 'data:', 'blob:', ...mediaOrigins],
    mediaSrc: [`'self'`, 'blob:', ...mediaOrigins],
    fontSrc: [`'self'`, 'data:'],
    connectSrc: [`'self'`],
    objectSrc: [`'none'`],
    baseUri: [`'self'`],
    formAction: [`'self'`],
    frameAncestors: [`'none'`],
  };
}
