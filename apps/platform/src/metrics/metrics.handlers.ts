import { Controller } from '@nestjs/common';
import { type PostParams, PostSubjects } from '@app/contracts';
import { Context, Data, Handles, type RequestContext } from '@app/messaging';
import { MetricsRefreshService } from './metrics-refresh.service.js';

/** The metrics subjects of posts. */
@Controller()
export class MetricsHandlers {
  constructor(private readonly refresher: MetricsRefreshService) {}

  @Handles(PostSubjects.refreshMetrics, 'write')
  refresh(@Context() context: RequestContext, @Data() data: PostParams) {
    return this.refresher.refresh(context, data.id);
  }
}
