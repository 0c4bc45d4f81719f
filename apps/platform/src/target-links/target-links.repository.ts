import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionHost } from '@app/database';
import { CampaignEntity } from '../campaigns/campaign.entity.js';
import { PostEntity, PostTargetEntity, type TargetLinkRef } from '../posts/post.entity.js';

/** The queries of targets' tracked links: posts with their targets, a campaign's name, and recording a link. */
@Injectable()
export class TargetLinksRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Records the link on the target while the target still leads where the link does: an edit that changed the
   * destination meanwhile wins, and its own request brings the link up to date.
   */
  /** The workspace's posts among `ids`, each with its targets. */
  async postsWithTargets(
    workspaceId: string,
    ids: readonly string[],
  ): Promise<Array<{ post: PostEntity; targets: PostTargetEntity[] }>> {
    if (ids.length === 0) return [];
    const posts = await this.tx.manager.findBy(PostEntity, { workspaceId, id: In([...ids]) });
    const targets = await this.tx.manager.findBy(PostTargetEntity, {
      postId: In(posts.map((post) => post.id)),
    });
    return posts.map((post) => ({ post, targets: targets.filter((target) => target.postId === post.id) }));
  }

  /** The campaign's name (its link's `utm_campaign`), or null when the workspace has no such campaign any more. */
  async campaignName(workspaceId: string, id: string): Promise<string | null> {
    const campaign = await this.tx.manager.findOne(CampaignEntity, {
      where: { workspaceId, id },
      select: { name: true },
    });
    return campaign?.name ?? null;
  }

  async storeLink(targetId: string, link: TargetLinkRef): Promise<void> {
    await this.tx.manager.update(PostTargetEntity, { id: targetId, destinationUrl: link.url }, { link });
  }
}
