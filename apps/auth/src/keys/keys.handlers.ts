import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { AuthSubjects, type JwksView } from '@app/contracts';
import { SigningKeysService } from './signing-keys.service.js';

@Controller()
export class KeysHandlers {
  constructor(private readonly signingKeys: SigningKeysService) {}

  /** Public and unauthenticated: the gateway fetches it to verify access tokens. */
  @MessagePattern(AuthSubjects.jwks)
  jwks(): JwksView {
    return this.signingKeys.jwks();
  }
}
