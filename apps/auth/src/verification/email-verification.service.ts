import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  type EmailVerifiedView,
  InvalidError,
  type Principal,
  UnauthorizedError,
  type VerificationMailView,
} from '@app/contracts';
import { TransactionHost } from '@app/database';
import { EmailTokensRepository } from '../accounts/email-tokens.repository.js';
import { hashOneTimeToken, newOneTimeToken } from '../accounts/one-time-token.js';
import type { UserEntity } from '../accounts/user.entity.js';
import { UsersRepository } from '../accounts/users.repository.js';
import { verificationMail, webLink } from '../mail/mail-templates.js';
import { Mailer } from '../mail/mailer.js';

export const VERIFICATION_TTL_SEC = 48 * 3600;
const INVALID_LINK = 'This verification link is invalid, was used already or has expired; ask for a new one';

/** Proof that a user owns their address: a single-use link mailed to it. */
@Injectable()
export class EmailVerificationService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly users: UsersRepository,
    private readonly tokens: EmailTokensRepository,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Stores a new token in the caller's transaction and mails its link once that commits. */
  async sendVerification(user: UserEntity): Promise<void> {
    const { token, hash } = newOneTimeToken();
    await this.tx.run(() =>
      this.tokens.insert('verify_email', user.id, user.email, hash, VERIFICATION_TTL_SEC),
    );
    const link = webLink(this.config.publicBaseUrl, 'verify-email', token);
    this.tx.afterCommit(() => this.mailer.sendInBackground(verificationMail(user.email, user.name, link)));
  }

  /** Uses the token: the address it was mailed to is verified, if it is still the user's address. */
  async verify(token: string): Promise<EmailVerifiedView> {
    return this.tx.run(async () => {
      const used = await this.tokens.consume('verify_email', hashOneTimeToken(token));
      if (!used || !(await this.users.markEmailVerified(used.userId, used.email))) {
        throw new InvalidError(INVALID_LINK);
      }
      return { email: used.email, emailVerified: true };
    });
  }

  /** A new link for the signed-in user (older ones stop working); nothing is sent to a verified address. */
  async resend(principal: Principal): Promise<VerificationMailView> {
    return this.tx.run(async () => {
      const user = await this.users.findById(principal.userId);
      if (!user) throw new UnauthorizedError('Your account no longer exists');
      if (user.emailVerifiedAt) return { sent: false };
      await this.tokens.invalidateAll(user.id, 'verify_email');
      await this.sendVerification(user);
      return { sent: true };
    });
  }
}
