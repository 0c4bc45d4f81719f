import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { SignInPage } from '../features/auth/sign-in-page';
import { SignUpPage } from '../features/auth/sign-up-page';
import { parseReportFilters } from '../features/analytics/filters';
import { session } from '../lib/session';
import { AppShellLayout } from './shell/app-shell-layout';
import { NotFoundPage } from './not-found-page';

export interface RouterContext {
  queryClient: QueryClient;
  /** Settles once the session of this tab is known (restored from its cookie, or absent). */
  sessionRestored: Promise<unknown>;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

// --- signed-out pages -------------------------------------------------------------------------------------
const publicLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: 'public',
  beforeLoad: async ({ context }) => {
    await context.sessionRestored;
    if (session.currentStatus() === 'signed-in') throw redirect({ to: '/' });
  },
});
const signInRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: 'sign-in',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } =>
    typeof search.redirect === 'string' && search.redirect.startsWith('/')
      ? { redirect: search.redirect }
      : {},
  component: function SignIn() {
    return <SignInPage redirectTo={signInRoute.useSearch().redirect} />;
  },
});
const signUpRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: 'sign-up',
  component: SignUpPage,
});

// --- password reset and the landing pages of mailed links, signed in or not -----------------------------
const mailedLinkPage = (path: string, load: Parameters<typeof lazyRouteComponent>[0], name: string) =>
  createRoute({
    getParentRoute: () => rootRoute,
    path,
    beforeLoad: async ({ context }) => {
      await context.sessionRestored;
    },
    component: lazyRouteComponent(load, name),
  });
const forgotPasswordRoute = mailedLinkPage(
  'forgot-password',
  () => import('../features/auth/forgot-password-page'),
  'ForgotPasswordPage',
);
const resetPasswordRoute = mailedLinkPage(
  'reset-password',
  () => import('../features/auth/reset-password-page'),
  'ResetPasswordPage',
);
const verifyEmailRoute = mailedLinkPage(
  'verify-email',
  () => import('../features/auth/verify-email-page'),
  'VerifyEmailPage',
);
const invitationRoute = mailedLinkPage(
  'invitation',
  () => import('../features/workspaces/accept-invitation-page'),
  'AcceptInvitationPage',
);

// --- signed-in pages: each feature's page is loaded when first visited -----------------------------------
const appLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    await context.sessionRestored;
    if (session.currentStatus() !== 'signed-in') {
      throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    }
  },
  component: AppShellLayout,
});

const page = <Path extends string>(
  path: Path,
  load: Parameters<typeof lazyRouteComponent>[0],
  name: string,
) => createRoute({ getParentRoute: () => appLayout, path, component: lazyRouteComponent(load, name) });

const overviewRoute = page('/', () => import('../features/overview/overview-page'), 'OverviewPage');
const productsRoute = page('products', () => import('../features/products/products-page'), 'ProductsPage');
const newProductRoute = page(
  'products/new',
  () => import('../features/products/product-edit-page'),
  'NewProductPage',
);
const productRoute = page(
  'products/$productId',
  () => import('../features/products/product-edit-page'),
  'ProductPage',
);
const importsRoute = page('imports', () => import('../features/imports/imports-page'), 'ImportsPage');
const importReportRoute = createRoute({
  getParentRoute: () => appLayout,
  path: 'imports/$importId',
  // How many rows the browser counted in the file, so the progress shows as a share of them.
  validateSearch: (search: Record<string, unknown>): { rows?: number } => {
    const rows = Number(search.rows);
    return Number.isInteger(rows) && rows > 0 ? { rows } : {};
  },
  component: lazyRouteComponent(() => import('../features/imports/import-report-page'), 'ImportReportPage'),
});
const composeRoute = page('compose', () => import('../features/compose/compose-page'), 'ComposePage');
const calendarRoute = page('calendar', () => import('../features/calendar/calendar-page'), 'CalendarPage');
const reviewRoute = page('review', () => import('../features/review/review-page'), 'ReviewPage');
const postRoute = page('posts/$postId', () => import('../features/review/post-page'), 'PostPage');
/** `?importId=<id>`: the import that runs or ran, so its progress survives a reload. */
const postImportsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: 'posts/import',
  validateSearch: (search: Record<string, unknown>): { importId?: string } =>
    typeof search.importId === 'string' ? { importId: search.importId } : {},
  component: lazyRouteComponent(
    () => import('../features/post-imports/post-imports-page'),
    'PostImportsPage',
  ),
});
/** `?connected=<id>` or `?error=<reason>`: where the gateway sends the browser back after OAuth. */
const connectionsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: 'connections',
  validateSearch: (search: Record<string, unknown>): { connected?: string; error?: string } => ({
    ...(typeof search.connected === 'string' ? { connected: search.connected } : {}),
    ...(typeof search.error === 'string' ? { error: search.error } : {}),
  }),
  component: lazyRouteComponent(() => import('../features/connections/connections-page'), 'ConnectionsPage'),
});
const campaignsRoute = page(
  'campaigns',
  () => import('../features/campaigns/campaigns-page'),
  'CampaignsPage',
);
const campaignRoute = page(
  'campaigns/$campaignId',
  () => import('../features/campaigns/campaign-page'),
  'CampaignPage',
);
const autopilotRoute = page(
  'autopilot',
  () => import('../features/autopilot/autopilot-page'),
  'AutopilotPage',
);
const videosRoute = createRoute({
  getParentRoute: () => appLayout,
  path: 'videos',
  validateSearch: (search: Record<string, unknown>): { productId?: string } =>
    typeof search.productId === 'string' ? { productId: search.productId } : {},
  component: lazyRouteComponent(() => import('../features/videos/videos-page'), 'VideosPage'),
});
/** `?campaignId&connectionId&postId&variant`: what the reports are narrowed to, kept in the address. */
const analyticsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: 'analytics',
  validateSearch: parseReportFilters,
  component: lazyRouteComponent(() => import('../features/analytics/analytics-page'), 'AnalyticsPage'),
});
const linksRoute = page('links', () => import('../features/analytics/links-page'), 'LinksPage');
const membersRoute = page(
  'settings/members',
  () => import('../features/workspaces/members-page'),
  'MembersPage',
);
const apiKeysRoute = page(
  'settings/api-keys',
  () => import('../features/api-keys/api-keys-page'),
  'ApiKeysPage',
);
const settingsRoute = page('settings', () => import('../features/settings/settings-page'), 'SettingsPage');
const profileRoute = page('settings/profile', () => import('../features/auth/profile-page'), 'ProfilePage');

const routeTree = rootRoute.addChildren([
  publicLayout.addChildren([signInRoute, signUpRoute]),
  verifyEmailRoute,
  invitationRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  appLayout.addChildren([
    overviewRoute,
    productsRoute,
    newProductRoute,
    productRoute,
    importsRoute,
    importReportRoute,
    composeRoute,
    calendarRoute,
    reviewRoute,
    postRoute,
    postImportsRoute,
    connectionsRoute,
    campaignsRoute,
    campaignRoute,
    autopilotRoute,
    videosRoute,
    analyticsRoute,
    linksRoute,
    settingsRoute,
    membersRoute,
    apiKeysRoute,
    profileRoute,
  ]),
]);

export function createAppRouter(context: RouterContext) {
  return createRouter({ routeTree, context, defaultPreload: 'intent', scrollRestoration: true });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
