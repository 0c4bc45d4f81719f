import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CampaignParams,
  CampaignSubjects,
  CreateCampaignDto,
  type ReplyOf,
  type RpcEnvelope,
  UpdateCampaignRequest,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import { CampaignsService } from './campaigns.service.js';

type Reply<S extends keyof typeof CampaignSubjects> = Promise<ReplyOf<(typeof CampaignSubjects)[S]>>;

/** The campaign subjects; each validates its envelope and hands over to CampaignsService. */
@Controller()
export class CampaignsHandlers {
  constructor(private readonly campaigns: CampaignsService) {}

  @MessagePattern(CampaignSubjects.create)
  create(
    @Payload(new EnvelopePipe(CreateCampaignDto)) envelope: RpcEnvelope<CreateCampaignDto>,
  ): Reply<'create'> {
    return this.campaigns.create(requirePrincipal(envelope), envelope.data);
  }

  @MessagePattern(CampaignSubjects.list)
  list(@Payload(new EnvelopePipe()) envelope: RpcEnvelope<unknown>): Reply<'list'> {
    return this.campaigns.list(requirePrincipal(envelope));
  }

  @MessagePattern(CampaignSubjects.get)
  get(@Payload(new EnvelopePipe(CampaignParams)) envelope: RpcEnvelope<CampaignParams>): Reply<'get'> {
    return this.campaigns.get(requirePrincipal(envelope), envelope.data.id);
  }

  @MessagePattern(CampaignSubjects.update)
  update(
    @Payload(new EnvelopePipe(UpdateCampaignRequest)) envelope: RpcEnvelope<UpdateCampaignRequest>,
  ): Reply<'update'> {
    const { id, ...patch } = envelope.data;
    return this.campaigns.update(requirePrincipal(envelope), id, patch);
  }

  @MessagePattern(CampaignSubjects.delete)
  async delete(
    @Payload(new EnvelopePipe(CampaignParams)) envelope: RpcEnvelope<CampaignParams>,
  ): Reply<'delete'> {
    await this.campaigns.delete(requirePrincipal(envelope), envelope.data.id);
    return {};
  }
}
