import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CampaignParams,
  CampaignSubjects,
  type CampaignView,
  CreateCampaignDto,
  UpdateCampaignDto,
} from '@app/contracts';
import { type CallContext, RpcClient } from '@app/messaging';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { Call } from '../http/call-context.decorator.js';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/v1/campaigns')
export class CampaignsController {
  constructor(private readonly rpc: RpcClient) {}

  /**
   * A posting schedule (days, times, IANA time zone) over some connections; posts added to it fill its slots.
   * With `templates` and `productIds` (a bank) it drafts its own posts by rotation, `fillAheadDays` ahead.
   */
  @Post()
  @ApiErrors(400, 401, 403, 404)
  create(@Body() body: CreateCampaignDto, @Call() call: CallContext): Promise<CampaignView> {
    return this.rpc.send(CampaignSubjects.create, body, call);
  }

  @Get()
  @ApiErrors(401)
  list(@Call() call: CallContext): Promise<CampaignView[]> {
    return this.rpc.send(CampaignSubjects.list, {}, call);
  }

  @Get(':id')
  @ApiErrors(400, 401, 404)
  get(@Param() params: CampaignParams, @Call() call: CallContext): Promise<CampaignView> {
    return this.rpc.send(CampaignSubjects.get, params, call);
  }

  /** Changes apply to posts added from now on; a change to the schedule or the bank has the bank fill again. */
  @Patch(':id')
  @ApiErrors(400, 401, 403, 404)
  update(
    @Param() params: CampaignParams,
    @Body() body: UpdateCampaignDto,
    @Call() call: CallContext,
  ): Promise<CampaignView> {
    return this.rpc.send(CampaignSubjects.update, { ...body, id: params.id }, call);
  }

  /** Its posts stay scheduled as they are, outside any campaign. */
  @Delete(':id')
  @HttpCode(204)
  @ApiErrors(400, 401, 403, 404)
  async remove(@Param() params: CampaignParams, @Call() call: CallContext): Promise<void> {
    await this.rpc.send(CampaignSubjects.delete, params, call);
  }

  /** Holds every slot not yet publishing: its targets become `paused` and are never sent while paused. */
  @Post(':id/pause')
  @HttpCode(200)
  @ApiErrors(400, 401, 403, 404, 409)
  pause(@Param() params: CampaignParams, @Call() call: CallContext): Promise<CampaignView> {
    return this.rpc.send(CampaignSubjects.pause, params, call);
  }

  /** Plans the paused posts again from now, in order, in the first free slots; the bank fills the rest. */
  @Post(':id/resume')
  @HttpCode(200)
  @ApiErrors(400, 401, 403, 404, 409)
  resume(@Param() params: CampaignParams, @Call() call: CallContext): Promise<CampaignView> {
    return this.rpc.send(CampaignSubjects.resume, params, call);
  }

  /** Ends the campaign: open slots are cancelled, published posts and their results stay. */
  @Post(':id/complete')
  @HttpCode(200)
  @ApiErrors(400, 401, 403, 404, 409)
  complete(@Param() params: CampaignParams, @Call() call: CallContext): Promise<CampaignView> {
    return this.rpc.send(CampaignSubjects.complete, params, call);
  }

  /**
   * Undoes the winning variant the campaign named (`autoWinner`): the bank rotates every variant again from
   * the next slot, and `autoWinner` is turned off. The decision stays on the campaign, marked undone.
   */
  @Post(':id/winner/undo')
  @HttpCode(200)
  @ApiErrors(400, 401, 403, 404, 409)
  undoWinner(@Param() params: CampaignParams, @Call() call: CallContext): Promise<CampaignView> {
    return this.rpc.send(CampaignSubjects.undoWinner, params, call);
  }
}
