import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { LOGGER } from '@app/observability';
import { generateCipherKeyEntry, parseCipherKeys, persistedSecret, TokenCipher } from '@app/security';

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

function persistedKey(dataDir: string): Promise<string> {
  return persistedSecret(join(dataDir, 'secrets', 'token-encryption.key'), () =>
    generateCipherKeyEntry('local1'),
  );
}
