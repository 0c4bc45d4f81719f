import { Controller } from '@nestjs/common';
import { AuthSubjects } from '@app/contracts';
import { Handles } from '@app/messaging';
import { SigningKeysService } from './signing-keys.service.js';

@Controller()
export class KeysHandlers {
  constructor(private readonly signingKeys: SigningKeysService) {}

  /** Public and unauthenticated: the gateway fetches it to verify access tokens. */
  @Handles(AuthSubjects.jwks, 'public')
  jwks() {
    return this.signingKeys.jwks();
  }
}
