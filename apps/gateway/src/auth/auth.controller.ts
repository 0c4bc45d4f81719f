import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AuthSubjects,
  DomainError,
  LoginDto,
  MeView,
  RegisterDto,
  SessionRegisterView,
  SessionTokenDto,
  SessionTokensView,
  SwitchWorkspaceDto,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';
import { Public } from '../http/public.decorator.js';
import { SessionOnly } from '../http/session-only.decorator.js';
import { BrowserSession, SESSION_MODE_HEADER } from './browser-session.js';
import { RateLimit } from '../rate-limit/rate-limit.decorator.js';

const SessionModeHeader = ApiHeader({
  name: SESSION_MODE_HEADER,
  required: false,
  enum: ['cookie'],
  description:
    'Browsers send `cookie`: the refresh token is then kept in an HttpOnly cookie instead of the JSON body.',
});

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly session: BrowserSession,
  ) {}

  /** Creates an account and its first workspace (you are its owner) and signs you in. */
  @Public()
  @RateLimit('sign-in')
  @Post('register')
  @SessionModeHeader
  @ApiErrors(400, 409, 429)
  async register(
    @Body() body: RegisterDto,
    @Call() call: CallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionRegisterView> {
    return this.session.respond(request, reply, await this.rpc.send(AuthSubjects.register, body, call));
  }

  /** Signs in; repeated failures are throttled per email and address, and slowed down per account. */
  @Public()
  @RateLimit('sign-in')
  @Post('login')
  @HttpCode(200)
  @SessionModeHeader
  @ApiErrors(400, 401, 429)
  async login(
    @Body() body: LoginDto,
    @Call() call: CallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionTokensView> {
    return this.session.respond(request, reply, await this.rpc.send(AuthSubjects.login, body, call));
  }

  /** Trades a refresh token for a new pair; the old one stops working, and reusing it revokes the family. */
  @Public()
  @RateLimit('sign-in')
  @Post('refresh')
  @HttpCode(200)
  @SessionModeHeader
  @ApiErrors(400, 401, 403, 429)
  async refresh(
    @Body() body: SessionTokenDto,
    @Call() call: CallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionTokensView> {
    try {
      const refreshToken = this.session.refreshTokenOf(request, body.refreshToken);
      const pair = await this.rpc.send(AuthSubjects.refresh, { refreshToken }, call);
      return this.session.respond(request, reply, pair);
    } catch (error) {
      // A refused token (expired, revoked, reused) never works again: the browser forgets it.
      if (error instanceof DomainError && error.status === 401) this.session.clear(request, reply);
      throw error;
    }
  }

  /** Signs out: the refresh token's whole family is revoked (and a browser session's cookie cleared). */
  @Public()
  @RateLimit('sign-in')
  @Post('logout')
  @HttpCode(204)
  @SessionModeHeader
  @ApiErrors(400, 401, 403, 429)
  async logout(
    @Body() body: SessionTokenDto,
    @Call() call: CallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const refreshToken = this.session.refreshTokenOf(request, body.refreshToken);
    this.session.clear(request, reply);
    await this.rpc.send(AuthSubjects.logout, { refreshToken }, call);
  }

  /** The signed-in user, the current workspace and your role in it. */
  @ApiBearerAuth()
  @Get('me')
  @ApiErrors(401)
  me(@Call() call: CallContext): Promise<MeView> {
    return this.rpc.send(AuthSubjects.me, {}, call);
  }

  /** Switches to another of your workspaces: a new token pair scoped to it (not with an API key). */
  @ApiBearerAuth()
  @Post('switch')
  @HttpCode(200)
  @SessionOnly()
  @SessionModeHeader
  @ApiErrors(400, 401, 403, 404)
  async switchWorkspace(
    @Body() body: SwitchWorkspaceDto,
    @Call() call: CallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionTokensView> {
    return this.session.respond(
      request,
      reply,
      await this.rpc.send(AuthSubjects.switchWorkspace, body, call),
    );
  }
}
