import { Module } from '@nestjs/common';
import { TokenCipher, tokenCipherProvider } from './token-cipher.provider.js';

/** The key that seals connection tokens and webhook signing secrets at rest. */
@Module({
  providers: [tokenCipherProvider],
  exports: [TokenCipher],
})
export class TokenCipherModule {}
