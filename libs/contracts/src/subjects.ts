/** Every request subject on the bus: `<service>.<entity>.<action>`. */
export const AuthSubjects = {
  register: 'auth.user.register',
  me: 'auth.user.me',
  login: 'auth.session.login',
  refresh: 'auth.session.refresh',
  logout: 'auth.session.logout',
  switchWorkspace: 'auth.session.switch',
  listWorkspaces: 'auth.workspace.list',
  createWorkspace: 'auth.workspace.create',
  listMembers: 'auth.member.list',
  inviteMember: 'auth.invitation.create',
  listInvitations: 'auth.invitation.list',
  revokeInvitation: 'auth.invitation.revoke',
  previewInvitation: 'auth.invitation.preview',
  acceptInvitation: 'auth.invitation.accept',
  verifyEmail: 'auth.email.verify',
  resendVerification: 'auth.email.resend',
  requestPasswordReset: 'auth.password.forgot',
  resetPassword: 'auth.password.reset',
  updateMember: 'auth.member.update',
  removeMember: 'auth.member.remove',
  /** The caller's role in their token's workspace as the database holds it now; 401 once they have left. */
  currentMember: 'auth.member.current',
  jwks: 'auth.jwks.get',
  health: 'auth.health.check',
} as const;

export const ContentSubjects = {
  createProduct: 'content.product.create',
  listProducts: 'content.product.list',
  getProduct: 'content.product.get',
  updateProduct: 'content.product.update',
  deleteProduct: 'content.product.delete',
  /** Products by id or external id (SKU), many at once: how a bulk import finds the products its rows name. */
  findProducts: 'content.product.find',
  health: 'content.health.check',
} as const;

export const PlatformSubjects = {
  health: 'platform.health.check',
} as const;

export const AnalyticsSubjects = {
  workspaceSummary: 'analytics.summary.get',
  health: 'analytics.health.check',
} as const;

/** The services that answer on the bus, each with its health subject. */
export const SERVICE_HEALTH_SUBJECTS = {
  auth: AuthSubjects.health,
  content: ContentSubjects.health,
  platform: PlatformSubjects.health,
  analytics: AnalyticsSubjects.health,
} as const;
export type ServiceName = keyof typeof SERVICE_HEALTH_SUBJECTS;

/** Every event subject: `<service>.<entity>.<past-verb>`. */
export const EventSubjects = {
  userRegistered: 'auth.user.registered',
  workspaceCreated: 'auth.workspace.created',
  productCreated: 'content.product.created',
  productUpdated: 'content.product.updated',
  productDeleted: 'content.product.deleted',
  /** A catalog import's products in chunks (one event per row would cost more than the import itself). */
  catalogImported: 'content.catalog.imported',
  mediaProcessed: 'content.media.processed',
  videoRendered: 'content.video.rendered',
  connectionCreated: 'platform.connection.created',
  connectionExpired: 'platform.connection.expired',
  postScheduled: 'platform.post.scheduled',
  postPublished: 'platform.post.published',
  postFailed: 'platform.post.failed',
  postUnconfirmed: 'platform.post.unconfirmed',
  metricsCollected: 'platform.metrics.collected',
} as const;
