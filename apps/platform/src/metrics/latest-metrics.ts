import { Injectable } from '@nestjs/common';
import type { TargetMetricsView } from '@app/contracts';
import { PostMetricsRepository } from './post-metrics.repository.js';

/** What other parts of platform may read of metrics: the latest counters of targets, for their views. */
@Injectable()
export class LatestMetrics {
  constructor(private readonly repository: PostMetricsRepository) {}

  /** By target id; targets never read yet are absent. */
  of(targetIds: string[]): Promise<Map<string, TargetMetricsView>> {
    return this.repository.latestOf(targetIds);
  }
}
