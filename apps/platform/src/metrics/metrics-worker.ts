import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { MetricsCollector } from './metrics-collector.js';
import { MetricsJobs } from './metrics-jobs.js';

/** Runs due metric readings, one at a time per process. */
@Injectable()
export class MetricsWorker implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: MetricsJobs,
    private readonly collector: MetricsCollector,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work((job) => this.collector.collect(job), 1);
  }
}
