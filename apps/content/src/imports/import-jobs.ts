import { Inject, Injectable } from '@nestjs/common';
import { JOBS, JobQueue, type PgBoss } from '@app/jobs';

export interface ImportJob {
  importId: string;
  workspaceId: string;
}

/** The queue of imports too large to run within the request. Not retried: a half-run import is reported as failed. */
@Injectable()
export class ImportJobs extends JobQueue<ImportJob> {
  constructor(@Inject(JOBS) boss: PgBoss) {
    super(boss, 'content-import-run', { retryLimit: 0, expireInMinutes: 60 });
  }
}
