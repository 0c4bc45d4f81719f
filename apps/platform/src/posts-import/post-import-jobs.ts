import { Inject, Injectable } from '@nestjs/common';
import { JOBS, JobQueue, type PgBoss } from '@app/jobs';

export interface PostImportJob {
  importId: string;
  workspaceId: string;
}

/**
 * The queue of posts imports that run in the background: large files, and imports that fetch media or
 * generate copy. Not retried: a run that stopped halfway is reported as failed, with the posts it created.
 */
@Injectable()
export class PostImportJobs extends JobQueue<PostImportJob> {
  constructor(@Inject(JOBS) boss: PgBoss) {
    super(boss, 'platform-post-import-run', { retryLimit: 0, expireInMinutes: 60 });
  }
}
