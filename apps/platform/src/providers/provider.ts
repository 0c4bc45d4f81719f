import type {
  BoardView,
  ConnectablePlatform,
  PlatformView,
  PostMetricsSnapshot,
  PublishErrorClass,
  SafetyLimitsView,
  TargetOptions,
} from '@app/contracts';

/** Tokens as a platform issues them; stored only encrypted. */
export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date | null;
  scopes: string | null;
}

export interface AccountProfile {
  id: string;
  name: string;
  avatarUrl: string | null;
}

/** What a provider needs of a connection to publish; secrets already decrypted, never logged. */
export interface PublishCredentials {
  accessToken: string | null;
  /** The platform's id of the connected account (page, profile, open_id), as fetchAccount returned it. */
  accountId: string | null;
  accountName: string | null;
  webhookUrl: string | null;
  signingSecret: string | null;
}

export interface PublishRequest {
  postId: string;
  targetId: string;
  text: string;
  title: string | null;
  mediaUrls: string[];
  /** Platform-specific choices the user made for this target (board, privacy level, ...); validated by check(). */
  options: TargetOptions;
}

export interface PublishResult {
  externalId: string | null;
  url: string | null;
  responseStatus: number;
}

/**
 * A classified platform failure: `message` is written for the user; `retryAt` is the platform's
 * rate-limit reset when it gave one.
 */
export class PublishError extends Error {
  constructor(
    readonly errorClass: PublishErrorClass,
    message: string,
    readonly responseStatus: number | null = null,
    readonly retryAt: Date | null = null,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

/** The OAuth 2.0 authorization-code side of a platform (PKCE S256). */
export interface OAuthProvider {
  authorizeUrl(input: { state: string; codeChallenge: string; redirectUri: string }): string;
  exchangeCode(input: { code: string; codeVerifier: string; redirectUri: string }): Promise<TokenSet>;
  refresh(refreshToken: string): Promise<TokenSet>;
  fetchAccount(accessToken: string): Promise<AccountProfile>;
  /** Best effort: the platform forgets the token. */
  revoke(token: string): Promise<void>;
}

/**
 * A place apart from the text where a platform takes a post's link: the option holding it, and whether a post
 * that sets none still sends its destination there (a pin always links somewhere; a Facebook post takes a link
 * only when the user chose one, instead of media).
 */
export interface LinkField {
  option: string;
  isFilledByDefault: boolean;
}

/**
 * One platform behind one interface: OAuth, publishing (possibly asynchronous: pending, then a status check),
 * post metrics, limits and rules, and a classification of its errors (retryable, needs reconnect, bad content).
 */
export interface Provider {
  readonly platform: ConnectablePlatform;
  /** What the catalogue shows. */
  describe(): Omit<PlatformView, 'defaultSafetyLimits'>;
  readonly defaultLimits: SafetyLimitsView;
  /** Absent for connections that need no OAuth. */
  readonly oauth?: OAuthProvider;
  /** False for `manual`: a person posts it and marks it published. */
  readonly publishesAutomatically: boolean;
  /** Absent where a post's link can only be in its text. */
  readonly linkField?: LinkField;
  /** Rule violations of a target, each a sentence naming the rule; empty when it can be posted. */
  check(target: {
    text: string;
    title: string | null;
    mediaUrls: string[];
    options: TargetOptions;
  }): string[];
  publish(credentials: PublishCredentials, request: PublishRequest): Promise<PublishResult>;
  /** Cumulative counters of a published post; absent where the platform gives none. Throws PublishError. */
  fetchMetrics?(credentials: PublishCredentials, externalId: string): Promise<PostMetricsSnapshot>;
  /** The boards a post can go to (Pinterest); absent where the platform has none. Throws PublishError. */
  listBoards?(credentials: PublishCredentials): Promise<BoardView[]>;
}

export const NO_LIMITS: SafetyLimitsView = {
  dailyCap: null,
  minGapSec: 0,
  jitterSec: 0,
  quietStart: null,
  quietEnd: null,
};
