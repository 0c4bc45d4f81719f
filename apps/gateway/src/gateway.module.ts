import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ConfigModule } from '@app/config';
import { MessagingModule, type Runtime } from '@app/messaging';
import { AnalyticsModule } from './analytics/analytics.module.js';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AuthController } from './auth/auth.controller.js';
import { EmailVerificationController } from './auth/email-verification.controller.js';
import { PasswordResetController } from './auth/password-reset.controller.js';
import { BrowserSession } from './auth/browser-session.js';
import { JwksController } from './auth/jwks.controller.js';
import { JwtAuthGuard } from './auth/jwt-auth.guard.js';
import { MembershipVerifier } from './auth/membership.verifier.js';
import { JwtStrategy } from './auth/jwt.strategy.js';
import { PublicKeyStore } from './auth/public-key.store.js';
import { VerifiedTokenCache } from './auth/verified-token.cache.js';
import { HealthController } from './health/health.controller.js';
import { GatewayOpsServer } from './health/gateway-ops.server.js';
import { HealthService } from './health/health.service.js';
import { HttpErrorFilter } from './http/http-error.filter.js';
import { RateLimitGuard } from './rate-limit/rate-limit.guard.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { ProductsController } from './products/products.controller.js';
import { CopyController } from './copy/copy.controller.js';
import { ConnectionsController } from './connections/connections.controller.js';
import { PlatformsController } from './platforms/platforms.controller.js';
import { PublishingSettingsController } from './platforms/publishing-settings.controller.js';
import { PostsController } from './posts/posts.controller.js';
import { AutopilotController } from './autopilot/autopilot.controller.js';
import { CampaignsController } from './campaigns/campaigns.controller.js';
import { InvitationsController } from './workspaces/invitations.controller.js';
import { WorkspacesController } from './workspaces/workspaces.controller.js';
import { TrackingModule } from './links/tracking.module.js';
import { MediaModule } from './media/media.module.js';
import { VideosController } from './videos/videos.controller.js';
import { WebhooksController } from './webhooks/webhooks.controller.js';

/** The only HTTP surface: validates, authenticates, and forwards to services over the bus. */
@Module({})
export class GatewayModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forRoot(runtime.config),
        MessagingModule.forGateway(runtime),
        PassportModule,
        RateLimitModule,
        TrackingModule.forRoot(runtime),
        AnalyticsModule,
        MediaModule.forRoot(runtime.config),
        ApiKeysModule,
      ],
      controllers: [
        AuthController,
        EmailVerificationController,
        PasswordResetController,
        JwksController,
        WorkspacesController,
        InvitationsController,
        ProductsController,
        CopyController,
        PlatformsController,
        ConnectionsController,
        PostsController,
        CampaignsController,
        WebhooksController,
        AutopilotController,
        PublishingSettingsController,
        VideosController,
        HealthController,
      ],
      providers: [
        PublicKeyStore,
        {
          provide: BrowserSession,
          useFactory: () => {
            const { config } = runtime;
            const trusted = [new URL(config.publicBaseUrl).origin, ...config.corsOrigins];
            return new BrowserSession(trusted, config.auth.refreshTokenTtlSec);
          },
        },
        VerifiedTokenCache,
        MembershipVerifier,
        JwtStrategy,
        HealthService,
        GatewayOpsServer,
        // In this order: the rate limit keys on the principal authentication found.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}
