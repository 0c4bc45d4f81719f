import type { ImportedPostView, PostImportRejectedRowView, PostImportStage } from '@app/contracts';
import type { PostImportProgress } from './post-import.entity.js';

/** Rejected rows a report lists (all are counted). */
export const MAX_REPORTED_REJECTIONS = 1000;

/** An import's counts and lists as it runs; what its report says at each save. */
export class PostImportTally {
  stage: PostImportStage = 'checking';
  processedRows = 0;
  valid = 0;
  private readonly rejections: PostImportRejectedRowView[] = [];
  private readonly posts: ImportedPostView[] = [];

  reject(line: number, reason: string): void {
    this.rejections.push({ line, reason });
  }

  /** A row that passed the checks and then could not be created after all. */
  fail(line: number, reason: string): void {
    this.valid -= 1;
    this.reject(line, reason);
  }

  created(line: number, postId: string): void {
    this.posts.push({ line, postId });
  }

  get createdCount(): number {
    return this.posts.length;
  }

  /** Rejections in line order (the first MAX_REPORTED_REJECTIONS), whatever order they were found in. */
  progress(): PostImportProgress {
    const rejectedRows = [...this.rejections]
      .sort((a, b) => a.line - b.line)
      .slice(0, MAX_REPORTED_REJECTIONS);
    return {
      stage: this.stage,
      processedRows: this.processedRows,
      valid: this.valid,
      created: this.posts.length,
      rejected: this.rejections.length,
      rejectedRows,
      createdPosts: this.posts,
    };
  }
}
