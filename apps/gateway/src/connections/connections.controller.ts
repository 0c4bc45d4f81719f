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
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
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
  PlatformParams,
  UpdateConnectionDto,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';
import { Public } from '../http/public.decorator.js';

@ApiTags('connections')
@ApiBearerAuth()
@Controller('api/v1/connections')
export class ConnectionsController {
  constructor(private readonly rpc: RpcClient) {}

  /** Starts OAuth: send the user's browser to the returned URL (PKCE; the state expires in 10 minutes). */
  @Post(':platform/authorize')
  @HttpCode(200)
  @ApiErrors(400, 401, 403)
  authorize(@Param() params: PlatformParams, @Call() call: CallContext): Promise<AuthorizeView> {
    return this.rpc.send(ConnectionSubjects.authorize, params, call);
  }

  /**
   * Where the platform sends the browser back; the signed state identifies the user and workspace. A browser
   * (it asks for HTML) is sent on to the app's connections page with the new connection or the reason it
   * failed; an API client gets the connection as JSON.
   */
  @Public()
  @Get(':platform/callback')
  @ApiOkResponse({ type: ConnectionView })
  @ApiErrors(400)
  async callback(
    @Param() params: PlatformParams,
    @Query() query: OAuthCallbackQuery,
    @Headers('accept') accept: string | undefined,
    @Call() call: CallContext,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const connecting = this.rpc.send(
      ConnectionSubjects.callback,
      { ...query, platform: params.platform },
      call,
    );
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
