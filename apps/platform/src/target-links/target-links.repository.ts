import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@app/database';
import { PostTargetEntity, type TargetLinkRef } from '../posts/post.entity.js';

/** The one write of a target's tracked link. */
@Injectable()
export class TargetLinksRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Records the link on the target while the target still leads where the link does: an edit that changed the
   * destination meanwhile wins, and its own request brings the link up to date.
   */
  async storeLink(targetId: string, link: TargetLinkRef): Promise<void> {
    await this.tx.manager.update(PostTargetEntity, { id: targetId, destinationUrl: link.url }, { link });
  }
}
