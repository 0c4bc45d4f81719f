import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './app-config.js';
import { ConfigError } from './env.js';

describe('loadConfig', () => {
  it('has defaults that run a local system', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'distributed',
      port: 3000,
      rpcTimeoutMs: 5000,
      allowPrivateUrls: false,
    });
    expect(config.auth.accessTokenTtlSec).toBe(900);
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.links.baseUrl).toBe('http://localhost:3000');
  });

  it('reads and normalises values', () => {
    const config = loadConfig({
      SHOPCAST_MODE: 'standalone',
      PORT: '8080',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      SHOPCAST_ALLOW_PRIVATE_URLS: 'TRUE',
      PUBLIC_BASE_URL: 'https://shop.example/',
    });
    expect(config.mode).toBe('standalone');
    expect(config.port).toBe(8080);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.allowPrivateUrls).toBe(true);
    expect(config.publicBaseUrl).toBe('https://shop.example');
    expect(config.links.baseUrl).toBe('https://shop.example');
  });

  it('gives short links their own domain when LINK_BASE_URL is set', () => {
    const config = loadConfig({
      PUBLIC_BASE_URL: 'https://app.shop.example',
      LINK_BASE_URL: 'https://sho.pc/',
    });
    expect(config.publicBaseUrl).toBe('https://app.shop.example');
    expect(config.links.baseUrl).toBe('https://sho.pc');
  });

  it.each([
    ['PORT', 'http'],
    ['PORT', '70000'],
    ['SHOPCAST_MODE', 'cluster'],
    ['SHOPCAST_ALLOW_PRIVATE_URLS', 'maybe'],
    ['RPC_TIMEOUT_MS', '1.5'],
    ['LINK_BASE_URL', 'sho.pc'],
    ['LINK_BASE_URL', 'ftp://sho.pc'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
