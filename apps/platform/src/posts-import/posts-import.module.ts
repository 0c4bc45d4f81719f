import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module.js';
import { ConnectionsModule } from '../connections/connections.module.js';
import { PostsModule } from '../posts/posts.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { PostImportContent } from './post-import-content.js';
import { PostImportCreation } from './post-import-creation.js';
import { PostImportJobs } from './post-import-jobs.js';
import { PostImportReferences } from './post-import-references.js';
import { PostImportRunner } from './post-import-runner.js';
import { PostImportsHandlers } from './post-imports.handlers.js';
import { PostImportsRepository } from './post-imports.repository.js';
import { PostImportsService } from './post-imports.service.js';

/**
 * Bulk scheduling: a CSV or JSON file of posts, checked row by row and created through PostDraftingService,
 * so review, campaign rules and safety limits apply as to any post. Reads the file from blob storage.
 */
@Module({
  imports: [PostsModule, ConnectionsModule, CampaignsModule, ProvidersModule],
  controllers: [PostImportsHandlers],
  providers: [
    PostImportsRepository,
    PostImportsService,
    PostImportJobs,
    PostImportRunner,
    PostImportReferences,
    PostImportContent,
    PostImportCreation,
  ],
})
export class PostsImportModule {}
