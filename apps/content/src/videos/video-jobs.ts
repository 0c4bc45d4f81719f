import { Inject, Injectable } from '@nestjs/common';
import { JOBS, JobQueue, type PgBoss } from '@app/jobs';

export interface VideoJob {
  videoId: string;
  workspaceId: string;
  /** The request chain that asked for the video; its rendered event continues it (absent on older jobs). */
  correlationId?: string;
}

/**
 * The queue of video renders. A worker killed mid-render leaves the job active; pg-boss expires it after
 * `expireInSeconds` and retries it, and the render starts again from the beginning.
 */
@Injectable()
export class VideoJobs extends JobQueue<VideoJob> {
  constructor(@Inject(JOBS) boss: PgBoss) {
    super(boss, 'content-video-render', { retryLimit: 2, retryDelay: 10, expireInSeconds: 15 * 60 });
  }
}
