import type { PlatformAppConfig } from '@app/config';
import type { AccountProfile, OAuthProvider, TokenSet } from '../provider.js';
import { GraphClient } from './graph-client.js';
import { MetaLogin } from './meta-login.js';

export interface MetaProviderOptions {
  app: PlatformAppConfig;
  callTimeoutMs: number;
  allowPrivateUrls: boolean;
}

/**
 * What Facebook and Instagram share: both publish through the Graph API and connect with Facebook Login,
 * so the OAuth half is the same apart from the label and the scopes asked for.
 */
export abstract class MetaProvider<Options extends MetaProviderOptions> implements OAuthProvider {
  readonly publishesAutomatically = true;
  readonly oauth: OAuthProvider = this;
  protected readonly graph: GraphClient;
  private readonly login: MetaLogin;

  constructor(
    protected readonly options: Options,
    label: string,
    scopes: string[],
  ) {
    this.graph = new GraphClient({
      apiBaseUrl: options.app.apiBaseUrl,
      callTimeoutMs: options.callTimeoutMs,
      label,
    });
    this.login = new MetaLogin(options.app, this.graph, label, scopes, options.callTimeoutMs);
  }

  protected get isConfigured(): boolean {
    return Boolean(this.options.app.clientId && this.options.app.clientSecret);
  }

  authorizeUrl(input: { state: string; codeChallenge: string; redirectUri: string }): string {
    return this.login.authorizeUrl(input);
  }

  exchangeCode(input: { code: string; codeVerifier: string; redirectUri: string }): Promise<TokenSet> {
    return this.login.exchangeCode(input);
  }

  refresh(userToken: string): Promise<TokenSet> {
    return this.login.refresh(userToken);
  }

  revoke(userToken: string): Promise<void> {
    return this.login.revoke(userToken);
  }

  abstract fetchAccount(userToken: string): Promise<AccountProfile>;
}
