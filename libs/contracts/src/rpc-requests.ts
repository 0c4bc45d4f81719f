import {
  AutopilotRuleParams,
  AutopilotSubjects,
  CreateAutopilotRuleDto,
  UpdateAutopilotRuleRequest,
} from './autopilot.dto.js';
import { ApiKeyParams, ApiKeySubjects, CreateApiKeyDto, VerifyApiKeyRequest } from './api-keys.dto.js';
import {
  AddMemberDto,
  CreateWorkspaceDto,
  LoginDto,
  MemberParams,
  RefreshTokenDto,
  RegisterDto,
  SwitchWorkspaceDto,
  UpdateMemberRequest,
} from './auth.dto.js';
import {
  CampaignParams,
  CampaignSubjects,
  CreateCampaignDto,
  UpdateCampaignRequest,
} from './campaigns.dto.js';
import {
  ConnectionIdParams,
  ConnectionSubjects,
  CreateConnectionDto,
  OAuthCallbackRequest,
  PlatformParams,
  UpdateConnectionRequest,
} from './connections.dto.js';
import {
  ConversionSubjects,
  PostbackQuery,
  RecordConversionDto,
  ShopifyOrderRequestDto,
  ShopifySecretDto,
} from './conversions.dto.js';
import {
  CopyIdParams,
  CopySettingsDto,
  CopySubjects,
  GenerateCopyRequest,
  PreviewCopyDto,
  UpdateCopyRequest,
} from './copy.dto.js';
import {
  AnalyticsFilterQuery,
  AnalyticsPostParams,
  BreakdownQuery,
  DashboardSubjects,
  ExperimentsQuery,
  PostAnalyticsRequest,
  TimeseriesQuery,
  TopProductsQuery,
} from './dashboard.dto.js';
import { ImportIdParams, ImportSubjects, PrefillFromUrlDto, StartImportRequest } from './imports.dto.js';
import {
  CreateLinkDto,
  LinkIdParams,
  LinkSubjects,
  ListLinksQuery,
  PostTargetLinkDto,
  ResolveLinkDto,
  UpdateLinkRequest,
} from './links.dto.js';
import { MediaResolveSubjects, ResolveMediaRequest } from './media-resolve.dto.js';
import {
  CompleteUploadRequest,
  CreateDirectUploadDto,
  CreateMediaFromUploadRequest,
  CreateMediaFromUrlRequest,
  MediaIdParams,
  MediaSubjects,
  ProductMediaParams,
  ReorderMediaRequest,
} from './media.dto.js';
import {
  CreatePostDto,
  ListPostsQuery,
  MarkPublishedRequest,
  PostParams,
  PostSubjects,
  PublishingSettingsDto,
  ReviewPostRequest,
  SchedulePostRequest,
  UpdatePostRequest,
} from './posts.dto.js';
import { PostImportIdParams, PostImportSubjects, StartPostImportRequest } from './post-imports.dto.js';
import {
  CreateProductDto,
  FindProductsRequest,
  ListProductsQuery,
  ProductIdParams,
  UpdateProductRequest,
} from './products.dto.js';
import type { RequestOf, Subject } from './rpc-contract.js';
import { AnalyticsSubjects, AuthSubjects, ContentSubjects, PlatformSubjects } from './subjects.js';
import {
  CreateVideoRequest,
  ProductVideosParams,
  VideoBrand,
  VideoIdParams,
  VideoSubjects,
} from './videos.dto.js';
import { CreateWebhookDto, WebhookParams, WebhookSubjects } from './webhooks.dto.js';

/** A validated class whose instances are the request of `S`. */
export type RequestClass<S extends Subject> = new () => RequestOf<S>;

/**
 * The class each subject's request is validated against, declared beside the contract so a handler
 * names only its subject. `null`: the request carries no data (or its service checks each record).
 * Typed per subject, so a class that does not produce the contract's request type does not compile.
 */
export const REQUEST_CLASSES: { [S in Subject]: RequestClass<S> | null } = {
  [AuthSubjects.register]: RegisterDto,
  [AuthSubjects.me]: null,
  [AuthSubjects.login]: LoginDto,
  [AuthSubjects.refresh]: RefreshTokenDto,
  [AuthSubjects.logout]: RefreshTokenDto,
  [AuthSubjects.switchWorkspace]: SwitchWorkspaceDto,
  [AuthSubjects.listWorkspaces]: null,
  [AuthSubjects.createWorkspace]: CreateWorkspaceDto,
  [AuthSubjects.listMembers]: null,
  [AuthSubjects.addMember]: AddMemberDto,
  [AuthSubjects.updateMember]: UpdateMemberRequest,
  [AuthSubjects.removeMember]: MemberParams,
  [AuthSubjects.currentMember]: null,
  [AuthSubjects.jwks]: null,
  [AuthSubjects.health]: null,
  [ApiKeySubjects.create]: CreateApiKeyDto,
  [ApiKeySubjects.list]: null,
  [ApiKeySubjects.revoke]: ApiKeyParams,
  [ApiKeySubjects.verify]: VerifyApiKeyRequest,

  [ContentSubjects.createProduct]: CreateProductDto,
  [ContentSubjects.listProducts]: ListProductsQuery,
  [ContentSubjects.getProduct]: ProductIdParams,
  [ContentSubjects.updateProduct]: UpdateProductRequest,
  [ContentSubjects.deleteProduct]: ProductIdParams,
  [ContentSubjects.findProducts]: FindProductsRequest,
  [ContentSubjects.health]: null,
  [ImportSubjects.start]: StartImportRequest,
  [ImportSubjects.get]: ImportIdParams,
  [ImportSubjects.prefillFromUrl]: PrefillFromUrlDto,
  [ImportSubjects.retryImages]: ImportIdParams,
  [MediaSubjects.createFromUpload]: CreateMediaFromUploadRequest,
  [MediaSubjects.createFromUrl]: CreateMediaFromUrlRequest,
  [MediaSubjects.listForProduct]: ProductMediaParams,
  [MediaSubjects.get]: MediaIdParams,
  [MediaSubjects.delete]: MediaIdParams,
  [MediaSubjects.reorder]: ReorderMediaRequest,
  [MediaSubjects.createUpload]: CreateDirectUploadDto,
  [MediaSubjects.completeUpload]: CompleteUploadRequest,
  [MediaResolveSubjects.resolve]: ResolveMediaRequest,
  [VideoSubjects.create]: CreateVideoRequest,
  [VideoSubjects.listForProduct]: ProductVideosParams,
  [VideoSubjects.get]: VideoIdParams,
  [VideoSubjects.delete]: VideoIdParams,
  [VideoSubjects.getBrand]: null,
  [VideoSubjects.updateBrand]: VideoBrand,

  [PlatformSubjects.health]: null,
  [ConnectionSubjects.listPlatforms]: null,
  [ConnectionSubjects.authorize]: PlatformParams,
  [ConnectionSubjects.callback]: OAuthCallbackRequest,
  [ConnectionSubjects.create]: CreateConnectionDto,
  [ConnectionSubjects.list]: null,
  [ConnectionSubjects.update]: UpdateConnectionRequest,
  [ConnectionSubjects.delete]: ConnectionIdParams,
  [ConnectionSubjects.boards]: ConnectionIdParams,
  [PostSubjects.create]: CreatePostDto,
  [PostSubjects.list]: ListPostsQuery,
  [PostSubjects.get]: PostParams,
  [PostSubjects.schedule]: SchedulePostRequest,
  [PostSubjects.approve]: ReviewPostRequest,
  [PostSubjects.reject]: ReviewPostRequest,
  [PostSubjects.cancel]: PostParams,
  [PostSubjects.retry]: PostParams,
  [PostSubjects.markPublished]: MarkPublishedRequest,
  [PostSubjects.update]: UpdatePostRequest,
  [PostSubjects.getSettings]: null,
  [PostSubjects.updateSettings]: PublishingSettingsDto,
  [PostSubjects.refreshMetrics]: PostParams,
  [PostImportSubjects.start]: StartPostImportRequest,
  [PostImportSubjects.get]: PostImportIdParams,
  [CampaignSubjects.create]: CreateCampaignDto,
  [CampaignSubjects.list]: null,
  [CampaignSubjects.get]: CampaignParams,
  [CampaignSubjects.update]: UpdateCampaignRequest,
  [CampaignSubjects.delete]: CampaignParams,
  [CampaignSubjects.pause]: CampaignParams,
  [CampaignSubjects.resume]: CampaignParams,
  [CampaignSubjects.complete]: CampaignParams,
  [CampaignSubjects.undoWinner]: CampaignParams,
  [WebhookSubjects.create]: CreateWebhookDto,
  [WebhookSubjects.list]: null,
  [WebhookSubjects.delete]: WebhookParams,
  [WebhookSubjects.deliveries]: WebhookParams,
  [AutopilotSubjects.create]: CreateAutopilotRuleDto,
  [AutopilotSubjects.list]: null,
  [AutopilotSubjects.get]: AutopilotRuleParams,
  [AutopilotSubjects.update]: UpdateAutopilotRuleRequest,
  [AutopilotSubjects.delete]: AutopilotRuleParams,
  [AutopilotSubjects.runs]: AutopilotRuleParams,

  [AnalyticsSubjects.workspaceSummary]: AnalyticsFilterQuery,
  [AnalyticsSubjects.health]: null,
  [LinkSubjects.create]: CreateLinkDto,
  [LinkSubjects.list]: ListLinksQuery,
  [LinkSubjects.get]: LinkIdParams,
  [LinkSubjects.update]: UpdateLinkRequest,
  [LinkSubjects.delete]: LinkIdParams,
  [LinkSubjects.ensureForTarget]: PostTargetLinkDto,
  [LinkSubjects.resolve]: ResolveLinkDto,
  // Each click record is checked by the service, so one bad record does not drop the batch.
  [LinkSubjects.ingestClicks]: null,
  [ConversionSubjects.record]: RecordConversionDto,
  [ConversionSubjects.postback]: PostbackQuery,
  [ConversionSubjects.rotatePostbackKey]: null,
  [ConversionSubjects.setShopifySecret]: ShopifySecretDto,
  [ConversionSubjects.shopifyOrder]: ShopifyOrderRequestDto,
  [DashboardSubjects.timeseries]: TimeseriesQuery,
  [DashboardSubjects.breakdown]: BreakdownQuery,
  [DashboardSubjects.topProducts]: TopProductsQuery,
  [DashboardSubjects.post]: PostAnalyticsRequest,
  [DashboardSubjects.experiments]: ExperimentsQuery,
  [DashboardSubjects.experiment]: AnalyticsPostParams,

  [CopySubjects.generate]: GenerateCopyRequest,
  [CopySubjects.listForProduct]: ProductIdParams,
  [CopySubjects.get]: CopyIdParams,
  [CopySubjects.update]: UpdateCopyRequest,
  [CopySubjects.preview]: PreviewCopyDto,
  [CopySubjects.getSettings]: null,
  [CopySubjects.updateSettings]: CopySettingsDto,
};
