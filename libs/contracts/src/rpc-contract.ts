import {
  type AutopilotRuleParams,
  type AutopilotRuleView,
  type AutopilotRunListView,
  AutopilotSubjects,
  type CreateAutopilotRuleDto,
  type UpdateAutopilotRuleRequest,
} from './autopilot.dto.js';
import {
  type ApiKeyParams,
  ApiKeySubjects,
  type ApiKeyView,
  type CreateApiKeyDto,
  type CreatedApiKeyView,
  type VerifiedApiKeyView,
  type VerifyApiKeyRequest,
} from './api-keys.dto.js';
import type {
  AddMemberDto,
  CreateWorkspaceDto,
  CurrentMemberView,
  EmailVerifiedView,
  InvitationParams,
  InvitationPreviewView,
  InvitationView,
  JwksView,
  LoginDto,
  MailedTokenDto,
  MemberParams,
  MemberView,
  MeView,
  PasswordResetDto,
  PasswordResetRequestDto,
  PasswordResetRequestedView,
  PasswordResetView,
  RefreshTokenDto,
  RegisterDto,
  RegisterResultView,
  SwitchWorkspaceDto,
  TokenPairView,
  UpdateMemberDto,
  VerificationMailView,
  WorkspaceMembershipView,
} from './auth.dto.js';
import {
  type CampaignParams,
  CampaignSubjects,
  type CampaignView,
  type CreateCampaignDto,
  type UpdateCampaignRequest,
} from './campaigns.dto.js';
import {
  type CreatedWebhookView,
  type CreateWebhookDto,
  type WebhookDeliveryView,
  type WebhookParams,
  WebhookSubjects,
  type WebhookView,
} from './webhooks.dto.js';
import {
  type ImportIdParams,
  type ImportImagesRetryView,
  type ImportReportView,
  ImportSubjects,
  type PrefillFromUrlDto,
  type ProductPrefillView,
  type StartImportRequest,
} from './imports.dto.js';
import {
  type CompleteUploadRequest,
  type CreateDirectUploadDto,
  type CreateMediaFromUploadRequest,
  type CreateMediaFromUrlRequest,
  type DirectUploadView,
  type MediaAssetView,
  type MediaIdParams,
  MediaSubjects,
  type ProductMediaParams,
  type ReorderMediaRequest,
} from './media.dto.js';
import {
  MediaResolveSubjects,
  type ResolveMediaRequest,
  type ResolvedMediaView,
} from './media-resolve.dto.js';
import {
  type CreateVideoRequest,
  type ProductVideosParams,
  type VideoIdParams,
  type VideoView,
  VideoSubjects,
  type VideoBrand,
  type VideoBrandView,
} from './videos.dto.js';
import {
  type AuthorizeReply,
  type BoardView,
  type ConnectionIdParams,
  ConnectionSubjects,
  type ConnectionView,
  type CreateConnectionDto,
  type CreatedConnectionView,
  type OAuthCallbackRequest,
  type PlatformParams,
  type PlatformView,
  type UpdateConnectionRequest,
} from './connections.dto.js';
import type {
  ConversionView,
  PostbackKeyView,
  PostbackQuery,
  RecordConversionDto,
  ShopifyOrderRequest,
  ShopifySecretDto,
} from './conversions.dto.js';
import { ConversionSubjects } from './conversions.dto.js';
import type {
  AnalyticsFilterQuery,
  BreakdownQuery,
  BreakdownView,
  ExperimentsQuery,
  ExperimentView,
  AnalyticsPostParams,
  PostAnalyticsRequest,
  PostAnalyticsView,
  TimeseriesQuery,
  TimeseriesView,
  TopProductsQuery,
} from './dashboard.dto.js';
import { DashboardSubjects } from './dashboard.dto.js';
import {
  CopySubjects,
  type CopyIdParams,
  type CopyPreviewView,
  type CopySetListView,
  type CopySetView,
  type CopySettingsDto,
  type CopySettingsView,
  type GenerateCopyRequest,
  type PreviewCopyDto,
  type UpdateCopyRequest,
} from './copy.dto.js';
import type { ServiceHealth, WorkspaceSummaryView } from './health.dto.js';
import type {
  CreateLinkDto,
  IngestClicksReply,
  IngestClicksRequest,
  LinkIdParams,
  LinkView,
  ListLinksQuery,
  PostTargetLinkDto,
  ResolveLinkDto,
  ResolveLinkReply,
  UpdateLinkRequest,
} from './links.dto.js';
import { LinkSubjects } from './links.dto.js';
import {
  type CreatePostDto,
  type ListPostsQuery,
  type MarkPublishedRequest,
  type MetricsRefreshView,
  type PostParams,
  PostSubjects,
  type PostView,
  type ReviewPostRequest,
  type SchedulePostRequest,
  type PublishingSettingsDto,
  type PublishingSettingsView,
  type UpdatePostRequest,
} from './posts.dto.js';
import {
  type PostImportIdParams,
  type PostImportReportView,
  PostImportSubjects,
  type StartPostImportRequest,
} from './post-imports.dto.js';
import type {
  CreateProductDto,
  FindProductsRequest,
  ListProductsQuery,
  ProductIdParams,
  ProductPageView,
  ProductRefView,
  ProductView,
  UpdateProductRequest,
} from './products.dto.js';
import { AnalyticsSubjects, AuthSubjects, ContentSubjects, PlatformSubjects } from './subjects.js';

interface Rpc<Request, Reply> {
  request: Request;
  reply: Reply;
}
type Empty = Record<string, never>;

/** Request and reply type of every subject, so `send(subject, data)` type-checks both. */
export interface RpcContract {
  [AuthSubjects.register]: Rpc<RegisterDto, RegisterResultView>;
  [AuthSubjects.me]: Rpc<Empty, MeView>;
  [AuthSubjects.login]: Rpc<LoginDto, TokenPairView>;
  [AuthSubjects.refresh]: Rpc<RefreshTokenDto, TokenPairView>;
  [AuthSubjects.logout]: Rpc<RefreshTokenDto, { revoked: boolean }>;
  [AuthSubjects.switchWorkspace]: Rpc<SwitchWorkspaceDto, TokenPairView>;
  [AuthSubjects.listWorkspaces]: Rpc<Empty, WorkspaceMembershipView[]>;
  [AuthSubjects.createWorkspace]: Rpc<CreateWorkspaceDto, WorkspaceMembershipView>;
  [AuthSubjects.listMembers]: Rpc<Empty, MemberView[]>;
  [AuthSubjects.inviteMember]: Rpc<AddMemberDto, InvitationView>;
  [AuthSubjects.listInvitations]: Rpc<Empty, InvitationView[]>;
  [AuthSubjects.revokeInvitation]: Rpc<InvitationParams, { revoked: boolean }>;
  [AuthSubjects.previewInvitation]: Rpc<MailedTokenDto, InvitationPreviewView>;
  [AuthSubjects.acceptInvitation]: Rpc<MailedTokenDto, WorkspaceMembershipView>;
  [AuthSubjects.verifyEmail]: Rpc<MailedTokenDto, EmailVerifiedView>;
  [AuthSubjects.resendVerification]: Rpc<Empty, VerificationMailView>;
  [AuthSubjects.requestPasswordReset]: Rpc<PasswordResetRequestDto, PasswordResetRequestedView>;
  [AuthSubjects.resetPassword]: Rpc<PasswordResetDto, PasswordResetView>;
  [AuthSubjects.updateMember]: Rpc<MemberParams & UpdateMemberDto, MemberView>;
  [AuthSubjects.removeMember]: Rpc<MemberParams, { removed: boolean }>;
  [AuthSubjects.currentMember]: Rpc<Empty, CurrentMemberView>;
  [AuthSubjects.jwks]: Rpc<Empty, JwksView>;
  [AuthSubjects.health]: Rpc<Empty, ServiceHealth>;
  [ApiKeySubjects.create]: Rpc<CreateApiKeyDto, CreatedApiKeyView>;
  [ApiKeySubjects.list]: Rpc<Empty, ApiKeyView[]>;
  [ApiKeySubjects.revoke]: Rpc<ApiKeyParams, { revoked: boolean }>;
  [ApiKeySubjects.verify]: Rpc<VerifyApiKeyRequest, VerifiedApiKeyView>;

  [ContentSubjects.createProduct]: Rpc<CreateProductDto, ProductView>;
  [ContentSubjects.listProducts]: Rpc<ListProductsQuery, ProductPageView>;
  [ContentSubjects.getProduct]: Rpc<ProductIdParams, ProductView>;
  [ContentSubjects.updateProduct]: Rpc<UpdateProductRequest, ProductView>;
  [ContentSubjects.deleteProduct]: Rpc<ProductIdParams, Empty>;
  [ContentSubjects.findProducts]: Rpc<FindProductsRequest, ProductRefView[]>;
  [ContentSubjects.health]: Rpc<Empty, ServiceHealth>;
  [ImportSubjects.start]: Rpc<StartImportRequest, ImportReportView>;
  [ImportSubjects.get]: Rpc<ImportIdParams, ImportReportView>;
  [ImportSubjects.prefillFromUrl]: Rpc<PrefillFromUrlDto, ProductPrefillView>;
  [ImportSubjects.retryImages]: Rpc<ImportIdParams, ImportImagesRetryView>;
  [MediaSubjects.createFromUpload]: Rpc<CreateMediaFromUploadRequest, MediaAssetView>;
  [MediaSubjects.createFromUrl]: Rpc<CreateMediaFromUrlRequest, MediaAssetView>;
  [MediaSubjects.listForProduct]: Rpc<ProductMediaParams, MediaAssetView[]>;
  [MediaSubjects.get]: Rpc<MediaIdParams, MediaAssetView>;
  [MediaSubjects.delete]: Rpc<MediaIdParams, Empty>;
  [MediaSubjects.reorder]: Rpc<ReorderMediaRequest, MediaAssetView[]>;
  [MediaSubjects.createUpload]: Rpc<CreateDirectUploadDto, DirectUploadView>;
  [MediaSubjects.completeUpload]: Rpc<CompleteUploadRequest, MediaAssetView>;
  [MediaResolveSubjects.resolve]: Rpc<ResolveMediaRequest, ResolvedMediaView[]>;
  [VideoSubjects.create]: Rpc<CreateVideoRequest, VideoView>;
  [VideoSubjects.listForProduct]: Rpc<ProductVideosParams, VideoView[]>;
  [VideoSubjects.get]: Rpc<VideoIdParams, VideoView>;
  [VideoSubjects.delete]: Rpc<VideoIdParams, Empty>;
  [VideoSubjects.getBrand]: Rpc<Empty, VideoBrandView>;
  [VideoSubjects.updateBrand]: Rpc<VideoBrand, VideoBrandView>;

  [PlatformSubjects.health]: Rpc<Empty, ServiceHealth>;
  [ConnectionSubjects.listPlatforms]: Rpc<Empty, PlatformView[]>;
  [ConnectionSubjects.authorize]: Rpc<PlatformParams, AuthorizeReply>;
  [ConnectionSubjects.callback]: Rpc<OAuthCallbackRequest, ConnectionView>;
  [ConnectionSubjects.create]: Rpc<CreateConnectionDto, CreatedConnectionView>;
  [ConnectionSubjects.list]: Rpc<Empty, ConnectionView[]>;
  [ConnectionSubjects.update]: Rpc<UpdateConnectionRequest, ConnectionView>;
  [ConnectionSubjects.delete]: Rpc<ConnectionIdParams, Empty>;
  [ConnectionSubjects.boards]: Rpc<ConnectionIdParams, BoardView[]>;
  [PostSubjects.create]: Rpc<CreatePostDto, PostView>;
  [PostSubjects.list]: Rpc<ListPostsQuery, PostView[]>;
  [PostSubjects.get]: Rpc<PostParams, PostView>;
  [PostSubjects.schedule]: Rpc<SchedulePostRequest, PostView>;
  [PostSubjects.approve]: Rpc<ReviewPostRequest, PostView>;
  [PostSubjects.reject]: Rpc<ReviewPostRequest, PostView>;
  [PostSubjects.cancel]: Rpc<PostParams, PostView>;
  [PostSubjects.retry]: Rpc<PostParams, PostView>;
  [PostSubjects.markPublished]: Rpc<MarkPublishedRequest, PostView>;
  [PostSubjects.update]: Rpc<UpdatePostRequest, PostView>;
  [PostSubjects.getSettings]: Rpc<Empty, PublishingSettingsView>;
  [PostSubjects.updateSettings]: Rpc<PublishingSettingsDto, PublishingSettingsView>;
  [CampaignSubjects.create]: Rpc<CreateCampaignDto, CampaignView>;
  [CampaignSubjects.list]: Rpc<Empty, CampaignView[]>;
  [CampaignSubjects.get]: Rpc<CampaignParams, CampaignView>;
  [CampaignSubjects.update]: Rpc<UpdateCampaignRequest, CampaignView>;
  [CampaignSubjects.delete]: Rpc<CampaignParams, Empty>;
  [CampaignSubjects.pause]: Rpc<CampaignParams, CampaignView>;
  [CampaignSubjects.resume]: Rpc<CampaignParams, CampaignView>;
  [CampaignSubjects.complete]: Rpc<CampaignParams, CampaignView>;
  [CampaignSubjects.undoWinner]: Rpc<CampaignParams, CampaignView>;
  [WebhookSubjects.create]: Rpc<CreateWebhookDto, CreatedWebhookView>;
  [WebhookSubjects.list]: Rpc<Empty, WebhookView[]>;
  [WebhookSubjects.delete]: Rpc<WebhookParams, Empty>;
  [WebhookSubjects.deliveries]: Rpc<WebhookParams, WebhookDeliveryView[]>;
  [AutopilotSubjects.create]: Rpc<CreateAutopilotRuleDto, AutopilotRuleView>;
  [AutopilotSubjects.list]: Rpc<Empty, AutopilotRuleView[]>;
  [AutopilotSubjects.get]: Rpc<AutopilotRuleParams, AutopilotRuleView>;
  [AutopilotSubjects.update]: Rpc<UpdateAutopilotRuleRequest, AutopilotRuleView>;
  [AutopilotSubjects.delete]: Rpc<AutopilotRuleParams, Empty>;
  [AutopilotSubjects.runs]: Rpc<AutopilotRuleParams, AutopilotRunListView>;
  [PostSubjects.refreshMetrics]: Rpc<PostParams, MetricsRefreshView>;
  [PostImportSubjects.start]: Rpc<StartPostImportRequest, PostImportReportView>;
  [PostImportSubjects.get]: Rpc<PostImportIdParams, PostImportReportView>;

  [AnalyticsSubjects.workspaceSummary]: Rpc<AnalyticsFilterQuery, WorkspaceSummaryView>;
  [AnalyticsSubjects.health]: Rpc<Empty, ServiceHealth>;

  [LinkSubjects.create]: Rpc<CreateLinkDto, LinkView>;
  [LinkSubjects.list]: Rpc<ListLinksQuery, LinkView[]>;
  [LinkSubjects.get]: Rpc<LinkIdParams, LinkView>;
  [LinkSubjects.update]: Rpc<UpdateLinkRequest, LinkView>;
  [LinkSubjects.delete]: Rpc<LinkIdParams, Empty>;
  [LinkSubjects.ensureForTarget]: Rpc<PostTargetLinkDto, LinkView>;
  [LinkSubjects.resolve]: Rpc<ResolveLinkDto, ResolveLinkReply>;
  [LinkSubjects.ingestClicks]: Rpc<IngestClicksRequest, IngestClicksReply>;

  [ConversionSubjects.record]: Rpc<RecordConversionDto, ConversionView>;
  [ConversionSubjects.postback]: Rpc<PostbackQuery, ConversionView>;
  [ConversionSubjects.rotatePostbackKey]: Rpc<Empty, PostbackKeyView>;
  [ConversionSubjects.setShopifySecret]: Rpc<ShopifySecretDto, { isSet: boolean }>;
  [ConversionSubjects.shopifyOrder]: Rpc<ShopifyOrderRequest, ConversionView | { ignored: string }>;

  [DashboardSubjects.timeseries]: Rpc<TimeseriesQuery, TimeseriesView>;
  [DashboardSubjects.breakdown]: Rpc<BreakdownQuery, BreakdownView>;
  [DashboardSubjects.topProducts]: Rpc<TopProductsQuery, BreakdownView>;
  [DashboardSubjects.post]: Rpc<PostAnalyticsRequest, PostAnalyticsView>;
  [DashboardSubjects.experiments]: Rpc<ExperimentsQuery, ExperimentView[]>;
  [DashboardSubjects.experiment]: Rpc<AnalyticsPostParams, ExperimentView>;

  [CopySubjects.generate]: Rpc<GenerateCopyRequest, CopySetView>;
  [CopySubjects.listForProduct]: Rpc<ProductIdParams, CopySetListView>;
  [CopySubjects.get]: Rpc<CopyIdParams, CopySetView>;
  [CopySubjects.update]: Rpc<UpdateCopyRequest, CopySetView>;
  [CopySubjects.preview]: Rpc<PreviewCopyDto, CopyPreviewView>;
  [CopySubjects.getSettings]: Rpc<Empty, CopySettingsView>;
  [CopySubjects.updateSettings]: Rpc<CopySettingsDto, CopySettingsView>;
}

export type Subject = keyof RpcContract;
export type RequestOf<S extends Subject> = RpcContract[S]['request'];
export type ReplyOf<S extends Subject> = RpcContract[S]['reply'];
