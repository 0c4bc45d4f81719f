import { Module } from '@nestjs/common';
import { KeysHandlers } from './keys.handlers.js';
import { KeysRepository } from './keys.repository.js';
import { SigningKeyEntity } from './signing-key.entity.js';
import { SigningKeysService } from './signing-keys.service.js';

/** The entities signing keys add to the auth schema. */
export const KEY_ENTITIES = [SigningKeyEntity];

/** The key that signs access tokens (sessions sign with it) and its public JWKS for the gateway. */
@Module({
  controllers: [KeysHandlers],
  providers: [KeysRepository, SigningKeysService],
  exports: [SigningKeysService],
})
export class KeysModule {}
