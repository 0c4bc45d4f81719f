import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateLinkDto,
  LinkIdParams,
  LinkSubjects,
  type LinkView,
  ListLinksQuery,
  ResolveLinkDto,
  type ResolveLinkReply,
  type RpcEnvelope,
  UpdateLinkRequest,
} from '@app/contracts';
import { EnvelopePipe, requirePrincipal } from '@app/messaging';
import { LinksService } from './links.service.js';

@Controller()
export class LinksHandlers {
  constructor(private readonly links: LinksService) {}

  @MessagePattern(LinkSubjects.create)
  create(@Payload(new EnvelopePipe(CreateLinkDto)) envelope: RpcEnvelope<CreateLinkDto>): Promise<LinkView> {
    return this.links.create(requirePrincipal(envelope), envelope.data);
  }

  @MessagePattern(LinkSubjects.list)
  list(
    @Payload(new EnvelopePipe(ListLinksQuery)) envelope: RpcEnvelope<ListLinksQuery>,
  ): Promise<LinkView[]> {
    return this.links.list(requirePrincipal(envelope), envelope.data);
  }

  @MessagePattern(LinkSubjects.get)
  get(@Payload(new EnvelopePipe(LinkIdParams)) envelope: RpcEnvelope<LinkIdParams>): Promise<LinkView> {
    return this.links.get(requirePrincipal(envelope), envelope.data.id);
  }

  @MessagePattern(LinkSubjects.update)
  update(
    @Payload(new EnvelopePipe(UpdateLinkRequest)) envelope: RpcEnvelope<UpdateLinkRequest>,
  ): Promise<LinkView> {
    return this.links.update(requirePrincipal(envelope), envelope.data.id, envelope.data.patch);
  }

  @MessagePattern(LinkSubjects.delete)
  delete(
    @Payload(new EnvelopePipe(LinkIdParams)) envelope: RpcEnvelope<LinkIdParams>,
  ): Promise<{ deleted: boolean }> {
    return this.links.delete(requirePrincipal(envelope), envelope.data.id);
  }

  @MessagePattern(LinkSubjects.resolve)
  resolve(
    @Payload(new EnvelopePipe(ResolveLinkDto)) envelope: RpcEnvelope<ResolveLinkDto>,
  ): Promise<ResolveLinkReply> {
    return this.links.resolve(envelope.data.code);
  }
}
