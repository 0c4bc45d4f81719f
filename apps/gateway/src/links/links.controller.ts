import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CreateLinkDto,
  LinkIdParams,
  LinkSubjects,
  LinkView,
  ListLinksQuery,
  UpdateLinkDto,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';
import { LinkCache } from '../redirect/link-cache.js';

@ApiTags('links')
@ApiBearerAuth()
@Controller('api/v1/links')
export class LinksController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly cache: LinkCache,
  ) {}

  /**
   * Creates a tracked link `/l/<code>` to `url`. Visits are redirected with UTM parameters (missing ones
   * filled from platform, product, post and variant) and a click id (`sc_cid`) for sale attribution.
   */
  @Post()
  @ApiErrors(400, 401, 403, 409)
  create(@Body() body: CreateLinkDto, @Call() call: CallContext): Promise<LinkView> {
    return this.rpc.send(LinkSubjects.create, body, call);
  }

  /** The workspace's links, newest first; filter by product or post. */
  @Get()
  @ApiErrors(400, 401)
  list(@Query() query: ListLinksQuery, @Call() call: CallContext): Promise<LinkView[]> {
    return this.rpc.send(LinkSubjects.list, query, call);
  }

  @Get(':id')
  @ApiErrors(400, 401, 404)
  get(@Param() params: LinkIdParams, @Call() call: CallContext): Promise<LinkView> {
    return this.rpc.send(LinkSubjects.get, params, call);
  }

  /** Changes destination, UTM values, expiry, or turns the link off (`isDisabled`: visits get 404). */
  @Patch(':id')
  @ApiErrors(400, 401, 403, 404)
  async update(
    @Param() params: LinkIdParams,
    @Body() body: UpdateLinkDto,
    @Call() call: CallContext,
  ): Promise<LinkView> {
    const link = await this.rpc.send(LinkSubjects.update, { id: params.id, patch: body }, call);
    this.cache.invalidateLink(params.id);
    return link;
  }

  /** Deletes the link: its short URL answers 404 from now on; its clicks and sales stay in the reports. */
  @Delete(':id')
  @HttpCode(204)
  @ApiErrors(400, 401, 403, 404)
  async remove(@Param() params: LinkIdParams, @Call() call: CallContext): Promise<void> {
    await this.rpc.send(LinkSubjects.delete, params, call);
    this.cache.invalidateLink(params.id);
  }
}
