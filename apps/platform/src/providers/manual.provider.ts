import { NO_LIMITS, type Provider, PublishError, type PublishResult } from './provider.js';

/** A ready-to-post bundle (text and media URLs) a person posts by hand, then marks published with the URL. */
export class ManualProvider implements Provider {
  readonly platform = 'manual' as const;
  readonly publishesAutomatically = false;
  readonly defaultLimits = NO_LIMITS;

  describe() {
    return {
      platform: this.platform,
      name: 'Manual (post it yourself)',
      connectWith: 'direct' as const,
      isConfigured: true,
      capabilities: { text: true, images: true, maxImages: 20, video: true },
      limits: { maxTextLength: null, textCounting: null },
    };
  }

  check(): string[] {
    return [];
  }

  publish(): Promise<PublishResult> {
    return Promise.reject(
      new PublishError('rejected_content', 'Manual posts are published by hand, then marked published'),
    );
  }
}
