import type { AppConfig } from '@app/config';

type Directives = Record<string, string[]>;

/**
 * The Content-Security-Policy of every response: scripts only from Shopcast's own origin (no inline scripts),
 * media also from where signed media URLs point: Shopcast's public address (which differs from the address a
 * page was opened at, e.g. 127.0.0.1 for localhost) and the object store's public address when media live in
 * S3. Inline styles stay allowed: the component library sets CSS variables and positions through style
 * attributes.
 */
export function contentSecurityPolicy(config: AppConfig): Directives {
  const { driver, s3 } = config.storage;
  const store = driver === 's3' ? [new URL(s3.publicEndpoint ?? s3.endpoint).origin] : [];
  const mediaOrigins = [...new Set([new URL(config.publicBaseUrl).origin, ...store])];
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
