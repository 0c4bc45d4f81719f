import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { JwksView } from '@app/contracts';
import { Public } from '../http/public.decorator.js';
import { PublicKeyStore } from './public-key.store.js';

@ApiTags('auth')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: PublicKeyStore) {}

  /** Public keys that verify access tokens (JWKS, ES256). */
  @Public()
  @Get('jwks.json')
  jwks(): Promise<JwksView> {
    return this.keys.publicJwks();
  }
}
