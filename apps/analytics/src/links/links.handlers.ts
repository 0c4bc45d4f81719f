import { Controller } from '@nestjs/common';
import {
  type CreateLinkDto,
  type LinkIdParams,
  LinkSubjects,
  type ListLinksQuery,
  type PostTargetLinkDto,
  type ResolveLinkDto,
  type UpdateLinkRequest,
} from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { LinksService } from './links.service.js';

@Controller()
export class LinksHandlers {
  constructor(private readonly links: LinksService) {}

  @Handles(LinkSubjects.create, 'write')
  create(@Context() context: RequestContext, @Data() data: CreateLinkDto) {
    return this.links.create(context, data);
  }

  @Handles(LinkSubjects.list, 'read')
  list(@Context() context: RequestContext, @Data() data: ListLinksQuery) {
    return this.links.list(context, data);
  }

  @Handles(LinkSubjects.get, 'read')
  get(@Context() context: RequestContext, @Data() data: LinkIdParams) {
    return this.links.get(context, data.id);
  }

  @Handles(LinkSubjects.update, 'write')
  update(@Context() context: RequestContext, @Data() data: UpdateLinkRequest) {
    return this.links.update(context, data.id, data.patch);
  }

  @Handles(LinkSubjects.delete, 'write')
  async delete(@Context() context: RequestContext, @Data() data: LinkIdParams) {
    await this.links.delete(context, data.id);
    return {};
  }

  /** Asked by publishing for each post target, so the post carries a tracked link instead of its raw URL. */
  @Handles(LinkSubjects.ensureForTarget, 'write')
  ensureForTarget(@Context() context: RequestContext, @Data() data: PostTargetLinkDto) {
    return this.links.ensureForTarget(context, data);
  }

  /** The redirect's lookup: public, as the link's code is all a visitor has. */
  @Handles(LinkSubjects.resolve, 'public')
  resolve(@Data() data: ResolveLinkDto) {
    return this.links.resolve(data.code);
  }
}
