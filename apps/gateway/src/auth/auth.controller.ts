import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AuthSubjects,
  LoginDto,
  MeView,
  RefreshTokenDto,
  RegisterDto,
  RegisterResultView,
  SwitchWorkspaceDto,
  TokenPairView,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';
import { Public } from '../http/public.decorator.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly rpc: RpcClient) {}

  /** Creates an account and its first workspace (you are its owner) and signs you in. */
  @Public()
  @Post('register')
  @ApiErrors(400, 409)
  register(@Body() body: RegisterDto, @Call() call: CallContext): Promise<RegisterResultView> {
    return this.rpc.send(AuthSubjects.register, body, call);
  }

  /** Signs in; repeated failures for one email and address are throttled. */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiErrors(400, 401, 429)
  login(@Body() body: LoginDto, @Call() call: CallContext): Promise<TokenPairView> {
    return this.rpc.send(AuthSubjects.login, body, call);
  }

  /** Trades a refresh token for a new pair; the old one stops working, and reusing it revokes the family. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiErrors(400, 401)
  refresh(@Body() body: RefreshTokenDto, @Call() call: CallContext): Promise<TokenPairView> {
    return this.rpc.send(AuthSubjects.refresh, body, call);
  }

  /** Signs out: the refresh token's whole family is revoked. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiErrors(400)
  async logout(@Body() body: RefreshTokenDto, @Call() call: CallContext): Promise<void> {
    await this.rpc.send(AuthSubjects.logout, body, call);
  }

  /** The signed-in user, the current workspace and your role in it. */
  @ApiBearerAuth()
  @Get('me')
  @ApiErrors(401)
  me(@Call() call: CallContext): Promise<MeView> {
    return this.rpc.send(AuthSubjects.me, {}, call);
  }

  /** Switches to another of your workspaces: a new token pair scoped to it. */
  @ApiBearerAuth()
  @Post('switch')
  @HttpCode(200)
  @ApiErrors(400, 401, 404)
  switchWorkspace(@Body() body: SwitchWorkspaceDto, @Call() call: CallContext): Promise<TokenPairView> {
    return this.rpc.send(AuthSubjects.switchWorkspace, body, call);
  }
}
