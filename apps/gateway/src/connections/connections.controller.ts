import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  type AuthorizeView,
  type BoardView,
  ConnectionIdParams,
  ConnectionSubjects,
  ConnectionView,
  CreateConnectionDto,
  DomainError,
  type CreatedConnectionView,
  OAuthCallbackQuery,
  type OAuthCallbackRequest,
  PlatformParams,
  UpdateConnectionDto,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';
import { Public } from '../http/public.decorator.js';
import { OAuthBrowserBinding } from './oauth-browser-binding.js';

@ApiTags('connections')
@ApiBearerAuth()
@Controller('api/v1/connections')
export class ConnectionsController {
  constructor(private readonly rpc: RpcClient) {}

  /**
   * Starts OAuth: send the user's browser to the returned URL (PKCE; the state expires in 10 minutes). The answer
   * sets an HttpOnly cookie that binds the state to this browser (or client): the callback must carry it, so
   * make this request from the browser that will come back, or keep the cookie and send it with the callback.
   */
  @Post(':platform/authorize')
  @HttpCode(200)
  @ApiErrors(400, 401, 403)
  async authorize(
    @Param() params: PlatformParams,
    @Call() call: CallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthorizeView> {
    const { browserBinding, ...view } = await this.rpc.send(ConnectionSubjects.authorize, params, call);
    OAuthBrowserBinding.keep(request, reply, params.platform, browserBinding, view.expiresAt);
    return view;
  }

  /**
   * Where the platform sends the browser back; the signed state identifies the user and workspace, and is
   * accepted only with the cookie authorize set in the same browser (403 otherwise: nothing is connected). A
   * browser (it asks for HTML) is sent on to the app's connections page with the new connection or the reason
   * it failed; an API client gets the connection as JSON.
   */
  @Public()
  @Get(':platform/callback')
  @ApiOkResponse({ type: ConnectionView })
  @ApiErrors(400, 403)
  async callback(
    @Param() params: PlatformParams,
    @Query() query: OAuthCallbackQuery,
    @Headers('accept') accept: string | undefined,
    @Call() call: CallContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const connecting = this.connect(request, reply, { ...query, platform: params.platform }, call);
    if (!accept?.includes('text/html')) {
      await reply.send(await connecting);
      return;
    }
    const back = await connecting.then(
      (connection) => `connected=${encodeURIComponent(connection.id)}`,
      (error: unknown) =>
        `error=${encodeURIComponent(error instanceof DomainError ? error.message : 'Connecting failed; try again')}`,
    );
    await reply.redirect(`/connections?${back}`, 303);
  }

  /** The callback as this browser may make it: with its binding, which serves once unless it was refused. */
  private async connect(
    request: FastifyRequest,
    reply: FastifyReply,
    query: Omit<OAuthCallbackRequest, 'browserBinding'>,
    call: CallContext,
  ): Promise<ConnectionView> {
    const browserBinding = OAuthBrowserBinding.of(request, query.platform);
    try {
      const connection = await this.rpc.send(ConnectionSubjects.callback, { ...query, browserBinding }, call);
      OAuthBrowserBinding.forget(request, reply, query.platform);
      return connection;
    } catch (error) {
      // A foreign browser's attempt leaves this browser's own pending connection alone.
      if (!(error instanceof DomainError && error.status === 403))
        OAuthBrowserBinding.forget(request, reply, query.platform);
      throw error;
    }
  }

  /** Connects a webhook (`config.url`; the signing secret is shown once) or a manual channel. */
  @Post()
  @ApiErrors(400, 401, 403)
  create(@Body() body: CreateConnectionDto, @Call() call: CallContext): Promise<CreatedConnectionView> {
    return this.rpc.send(ConnectionSubjects.create, body, call);
  }

  @Get()
  @ApiErrors(401)
  list(@Call() call: CallContext): Promise<ConnectionView[]> {
    return this.rpc.send(ConnectionSubjects.list, {}, call);
  }

  /** The connected account's boards (Pinterest): pick one as a post target's `options.boardId`. */
  @Get(':id/boards')
  @ApiErrors(400, 401, 404, 409, 429, 502)
  boards(@Param() params: ConnectionIdParams, @Call() call: CallContext): Promise<BoardView[]> {
    return this.rpc.send(ConnectionSubjects.boards, params, call);
  }

  /** Renames, sets the time zone, or overrides safety limits. */
  @Patch(':id')
  @ApiErrors(400, 401, 403, 404)
  update(
    @Param() params: ConnectionIdParams,
    @Body() body: UpdateConnectionDto,
    @Call() call: CallContext,
  ): Promise<ConnectionView> {
    return this.rpc.send(ConnectionSubjects.update, { id: params.id, patch: body }, call);
  }

  /** Revokes at the platform where it can; scheduled posts of the connection are cancelled. */
  @Delete(':id')
  @HttpCode(204)
  @ApiErrors(400, 401, 403, 404)
  async remove(@Param() params: ConnectionIdParams, @Call() call: CallContext): Promise<void> {
    await this.rpc.send(ConnectionSubjects.delete, params, call);
  }
}
