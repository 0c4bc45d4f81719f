import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionHost } from '@app/database';
import { type VideoOutput, VideoEntity } from './video.entity.js';

export type NewVideo = Omit<VideoEntity, 'createdAt' | 'updatedAt'>;

/** Every query on content.videos; each one is bound to a workspace. */
@Injectable()
export class VideosRepository {
  constructor(private readonly tx: TransactionHost) {}

  findOne(workspaceId: string, id: string): Promise<VideoEntity | null> {
    return this.tx.manager.findOneBy(VideoEntity, { workspaceId, id });
  }

  listForProduct(workspaceId: string, productId: string): Promise<VideoEntity[]> {
    return this.tx.manager.find(VideoEntity, {
      where: { workspaceId, productId },
      order: { createdAt: 'DESC' },
    });
  }

  async insert(video: NewVideo): Promise<VideoEntity> {
    await this.tx.manager.insert(VideoEntity, video);
    return this.tx.manager.findOneByOrFail(VideoEntity, { workspaceId: video.workspaceId, id: video.id });
  }

  /** Claims a queued video (or one left `rendering` by a killed worker) for rendering; false when it is settled. */
  async startRendering(video: VideoEntity): Promise<boolean> {
    const result = await this.tx.manager.update(
      VideoEntity,
      { workspaceId: video.workspaceId, id: video.id, status: In(['queued', 'rendering']) },
      { status: 'rendering', progress: 0, attempts: () => 'attempts + 1' },
    );
    return (result.affected ?? 0) > 0;
  }

  async setProgress(video: VideoEntity, progress: number): Promise<void> {
    await this.tx.manager.update(
      VideoEntity,
      { workspaceId: video.workspaceId, id: video.id, status: 'rendering' },
      { progress },
    );
  }

  /** Settles a rendering video as ready or failed; false when it is no longer rendering (deleted meanwhile). */
  async finish(video: VideoEntity, outputs: VideoOutput[], failureReason: string | null): Promise<boolean> {
    const result = await this.tx.manager.update(
      VideoEntity,
      { workspaceId: video.workspaceId, id: video.id, status: 'rendering' },
      {
        status: failureReason === null ? 'ready' : 'failed',
        progress: failureReason === null ? 100 : video.progress,
        failureReason,
        outputs,
      },
    );
    return (result.affected ?? 0) > 0;
  }

  async delete(video: VideoEntity): Promise<boolean> {
    const result = await this.tx.manager.delete(VideoEntity, {
      workspaceId: video.workspaceId,
      id: video.id,
    });
    return (result.affected ?? 0) > 0;
  }
}
