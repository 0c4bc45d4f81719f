import { Module } from '@nestjs/common';
import { ApiKeyVerifier } from './api-key.verifier.js';
import { ApiKeysController } from './api-keys.controller.js';

/** The API key routes, and the verifier the authentication guard uses for `Bearer sk_...` credentials. */
@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeyVerifier],
  exports: [ApiKeyVerifier],
})
export class ApiKeysModule {}
