import type {
  AddMemberDto,
  CreateWorkspaceDto,
  JwksView,
  LoginDto,
  MemberParams,
  MemberView,
  MeView,
  RefreshTokenDto,
  RegisterDto,
  RegisterResultView,
  SwitchWorkspaceDto,
  TokenPairView,
  UpdateMemberDto,
  WorkspaceMembershipView,
} from './auth.dto.js';
import type { ServiceHealth, WorkspaceSummaryView } from './health.dto.js';
import type {
  CreateProductDto,
  ListProductsQuery,
  ProductIdParams,
  ProductPageView,
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
  [AuthSubjects.addMember]: Rpc<AddMemberDto, MemberView>;
  [AuthSubjects.updateMember]: Rpc<MemberParams & UpdateMemberDto, MemberView>;
  [AuthSubjects.removeMember]: Rpc<MemberParams, { removed: boolean }>;
  [AuthSubjects.jwks]: Rpc<Empty, JwksView>;
  [AuthSubjects.health]: Rpc<Empty, ServiceHealth>;

  [ContentSubjects.createProduct]: Rpc<CreateProductDto, ProductView>;
  [ContentSubjects.listProducts]: Rpc<ListProductsQuery, ProductPageView>;
  [ContentSubjects.getProduct]: Rpc<ProductIdParams, ProductView>;
  [ContentSubjects.updateProduct]: Rpc<UpdateProductRequest, ProductView>;
  [ContentSubjects.deleteProduct]: Rpc<ProductIdParams, { deleted: boolean }>;
  [ContentSubjects.health]: Rpc<Empty, ServiceHealth>;

  [PlatformSubjects.health]: Rpc<Empty, ServiceHealth>;

  [AnalyticsSubjects.workspaceSummary]: Rpc<Empty, WorkspaceSummaryView>;
  [AnalyticsSubjects.health]: Rpc<Empty, ServiceHealth>;
}

export type Subject = keyof RpcContract;
export type RequestOf<S extends Subject> = RpcContract[S]['request'];
export type ReplyOf<S extends Subject> = RpcContract[S]['reply'];
