import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { LOGGER } from '@app/observability';
import { generateCipherKeyEntry, parseCipherKeys, TokenCipher } from '@app/security';

export { TokenCipher };

/**
 * TOKEN_ENCRYPTION_KEYS when set; otherwise a key generated at first start and kept (mode 600) under
 * dataDir, so a standalone install encrypts from day one and still reads its tokens after a restart.
 */
export const tokenCipherProvider: Provider = {
  provide: TokenCipher,
  inject: [APP_CONFIG, LOGGER],
  useFactory: async (config: AppConfig, logger: Logger) => {
    if (config.publishing.tokenEncryptionKeys.length > 0)
      return new TokenCipher(parseCipherKeys(config.publishing.tokenEncryptionKeys));
    if (config.mode === 'distributed')
      logger.warn(
        'TOKEN_ENCRYPTION_KEYS is not set: using a key kept under the data directory; set it when running several platform processes',
      );
    return new TokenCipher(parseCipherKeys([await persistedKey(config.dataDir)], 'the generated token key'));
  },
};

async function persistedKey(dataDir: string): Promise<string> {
  const dir = join(dataDir, 'secrets');
  const file = join(dir, 'token-encryption.key');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const entry = generateCipherKeyEntry('local1');
  // `wx`: when two processes start at once, one writes and the other reads the winner's key.
  await writeFile(file, `${entry}\n`, { flag: 'wx', mode: 0o600 }).catch(() => undefined);
  await chmod(file, 0o600).catch(() => undefined);
  return (await readFile(file, 'utf8')).trim();
}
