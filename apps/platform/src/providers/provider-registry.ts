import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { type ConnectablePlatform, InvalidError, type PlatformView } from '@app/contracts';
import { ManualProvider } from './manual.provider.js';
import { PinterestProvider } from './pinterest.provider.js';
import type { OAuthProvider, Provider } from './provider.js';
import { WebhookProvider } from './webhook.provider.js';
import { XProvider } from './x.provider.js';
import { TikTokProvider } from './tiktok/tiktok.provider.js';
import { VideoSpool, videoSpoolRootOf } from './video-spool.js';
import { FacebookProvider } from './meta/facebook.provider.js';
import { InstagramProvider } from './meta/instagram.provider.js';

/** Every provider this server runs, built from configuration. */
@Injectable()
export class ProviderRegistry implements OnModuleInit {
  private readonly providers: Map<ConnectablePlatform, Provider>;
  /** Shared by every provider that uploads video files, so PUBLISH_VIDEO_CONCURRENCY bounds the process. */
  readonly videos: VideoSpool;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const shared = {
      callTimeoutMs: config.publishing.callTimeoutMs,
      allowPrivateUrls: config.allowPrivateUrls,
    };
    this.videos = new VideoSpool({
      root: videoSpoolRootOf(config.dataDir),
      concurrency: config.publishing.videoConcurrency,
    });
    const videos = this.videos;
    const all: Provider[] = [
      new XProvider({ app: config.platforms.x, ...shared }),
      new PinterestProvider({ app: config.platforms.pinterest, ...shared, videos }),
      new TikTokProvider({ app: config.platforms.tiktok, ...shared, videos }),
      new FacebookProvider({ app: config.platforms.facebook, ...shared }),
      new InstagramProvider({ app: config.platforms.instagram, ...shared }),
      new WebhookProvider(shared),
      new ManualProvider(),
    ];
    this.providers = new Map(all.map((provider) => [provider.platform, provider]));
  }

  /** Video files a killed process left under the data dir go at start. */
  async onModuleInit(): Promise<void> {
    await this.videos.prepare();
  }

  get(platform: ConnectablePlatform): Provider {
    const provider = this.providers.get(platform);
    if (!provider) throw new InvalidError(`${platform} is not a platform Shopcast can publish to`);
    return provider;
  }

  /** The provider's OAuth side; a 400 when the platform is not configured on this server. */
  oauth(platform: ConnectablePlatform): OAuthProvider {
    const provider = this.get(platform);
    if (!provider.oauth)
      throw new InvalidError(`${platform} connects without OAuth; use POST /api/v1/connections`);
    if (!provider.describe().isConfigured)
      throw new InvalidError(
        `${provider.describe().name} is not configured on this server: set ${platform.toUpperCase()}_CLIENT_ID`,
      );
    return provider.oauth;
  }

  catalogue(): PlatformView[] {
    return [...this.providers.values()].map((provider) => ({
      ...provider.describe(),
      defaultSafetyLimits: provider.defaultLimits,
    }));
  }
}
