// Test support only (outside src, so the build never compiles it): runs the auth service on an in-process
// bus against a real Postgres database and calls it the way the gateway does.
import { randomUUID } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { decodeJwt } from 'jose';
import { DataSource } from 'typeorm';
import {
  AuthSubjects,
  type DomainError,
  type Principal,
  type RegisterResultView,
  type ReplyOf,
  type RequestOf,
  type Role,
  type Subject,
} from '@app/contracts';
import {
  InProcessBus,
  InProcessClient,
  InProcessServer,
  OutboxRelay,
  RpcClient,
  RpcErrorFilter,
} from '@app/messaging';
import { createLogger } from '@app/observability';
import { domainErrorOf } from '../../../test/support/domain-errors.js';
import { MailCatcher } from '../../../test/support/mail-catcher.js';
import { testConfig } from '../../../test/support/test-config.js';
import { AuthModule } from '../src/auth.module.js';

export const STRONG_PASSWORD = 'correct horse battery staple';

export interface AuthTestAppOptions {
  databaseUrl: string;
  /** Extra environment for the config (e.g. LOGIN_MAX_FAILURES). */
  env?: Record<string, string>;
  /** Share a bus to run several replicas behind one client (requests are spread round robin). */
  bus?: InProcessBus;
  /** Share one SMTP server between replicas (by default each app starts its own, and closes it). */
  mail?: MailCatcher;
  /** DI overrides (failure injection, spies). */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
}

export interface CallOptions {
  principal?: Principal | null;
  clientIp?: string;
}

export interface Session {
  email: string;
  password: string;
  userId: string;
  workspaceId: string;
  principal: Principal;
  accessToken: string;
  refreshToken: string;
  result: RegisterResultView;
}

export const VERIFICATION_SUBJECT = /Confirm your email address/;
export const INVITATION_SUBJECT = /invited you to/;

export class AuthTestApp {
  private readonly rpc: RpcClient;
  private readonly verified = new Set<string>();

  constructor(
    readonly app: INestMicroservice,
    readonly bus: InProcessBus,
    readonly dataSource: DataSource,
    /** The SMTP server the service sends its mail to. */
    readonly mail: MailCatcher,
    private readonly ownsMail: boolean,
  ) {
    this.rpc = new RpcClient(new InProcessClient(bus), 10_000, createLogger('auth-test', 'silent'));
  }

  /** A request over the bus, exactly as the gateway sends it; failures reject with a DomainError. */
  call<S extends Subject>(subject: S, data: RequestOf<S>, options: CallOptions = {}): Promise<ReplyOf<S>> {
    return this.rpc.send(subject, data, {
      principal: options.principal ?? null,
      correlationId: randomUUID(),
      clientIp: options.clientIp,
    });
  }

  /** The DomainError a request fails with; fails the test when it succeeds. */
  async failure<S extends Subject>(
    subject: S,
    data: RequestOf<S>,
    options: CallOptions = {},
  ): Promise<DomainError> {
    return domainErrorOf(this.call(subject, data, options));
  }

  async register(label: string, workspaceName?: string): Promise<Session> {
    const email = uniqueEmail(label);
    const result = await this.call(AuthSubjects.register, {
      email,
      password: STRONG_PASSWORD,
      name: label,
      ...(workspaceName ? { workspaceName } : {}),
    });
    return {
      email,
      password: STRONG_PASSWORD,
      userId: result.user.id,
      workspaceId: result.workspace.id,
      principal: principalOf(result.accessToken),
      accessToken: result.accessToken,
      refreshToken: result.refreshToken,
      result,
    };
  }

  /** Opens the verification link mailed at sign-up, as the user would. */
  async verifyEmail(session: Session): Promise<void> {
    if (this.verified.has(session.email)) return;
    const token = await this.mail.tokenFrom(session.email, VERIFICATION_SUBJECT);
    await this.call(AuthSubjects.verifyEmail, { token });
    this.verified.add(session.email);
  }

  /**
   * Makes `member` a member of the inviter's workspace the only way there is: the inviter invites their
   * address, the member verifies it and accepts the mailed invitation. Answers the member's principal there.
   */
  async join(inviter: Principal, member: Session, role: Role): Promise<Principal> {
    const before = this.mail.mails.length;
    await this.call(AuthSubjects.inviteMember, { email: member.email, role }, { principal: inviter });
    await this.verifyEmail(member);
    const token = await this.mail.tokenFrom(member.email, INVITATION_SUBJECT, before);
    await this.call(AuthSubjects.acceptInvitation, { token }, { principal: member.principal });
    return { userId: member.userId, workspaceId: inviter.workspaceId, role };
  }

  async close(): Promise<void> {
    await this.app.close();
    if (this.ownsMail) await this.mail.close();
  }
}

export async function startAuthTestApp(options: AuthTestAppOptions): Promise<AuthTestApp> {
  const bus = options.bus ?? new InProcessBus();
  const mail = options.mail ?? (await MailCatcher.start());
  const config = testConfig({ DATABASE_URL: options.databaseUrl, SMTP_URL: mail.url, ...options.env });
  const builder = Test.createTestingModule({ imports: [AuthModule.forRoot({ config, bus })] });
  const moduleRef = await (options.override?.(builder) ?? builder).compile();
  const app = moduleRef.createNestMicroservice({ strategy: new InProcessServer(bus) });
  app.useGlobalFilters(new RpcErrorFilter(createLogger('auth-test', 'silent')));
  try {
    await app.listen();
  } catch (error) {
    // A service that fails to start must not leave its database pool and outbox relay running. The relay
    // goes first: Nest would destroy the DataSource under a drain that is still starting.
    await app.get(OutboxRelay).stop();
    await app.close().catch(() => undefined);
    if (!options.mail) await mail.close();
    throw error;
  }
  bus.startDeliveringEvents();
  return new AuthTestApp(app, bus, app.get(DataSource), mail, !options.mail);
}

/** The principal the gateway would derive from an access token (the signature is checked elsewhere). */
export function principalOf(accessToken: string): Principal {
  const claims = decodeJwt(accessToken);
  return { userId: String(claims.sub), workspaceId: String(claims.wid), role: claims.role as Role };
}

export function uniqueEmail(label: string): string {
  return `${label.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`;
}
