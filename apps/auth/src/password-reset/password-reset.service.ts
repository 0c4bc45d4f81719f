import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  InvalidError,
  type PasswordResetDto,
  type PasswordResetRequestedView,
  type PasswordResetView,
} from '@app/contracts';
import { TransactionHost } from '@app/database';
import { EmailTokensRepository } from '../accounts/email-tokens.repository.js';
import { hashOneTimeToken, newOneTimeToken } from '../accounts/one-time-token.js';
import { PasswordHasher } from '../accounts/password.hasher.js';
import { UsersRepository } from '../accounts/users.repository.js';
import { passwordResetMail, webLink } from '../mail/mail-templates.js';
import { Mailer } from '../mail/mailer.js';
import { SessionsRepository } from '../sessions/sessions.repository.js';
import { assertStrongPassword } from '../users/password.policy.js';

export const PASSWORD_RESET_TTL_SEC = 3600;
const INVALID_LINK = 'This reset link is invalid, was used already or has expired; ask for a new one';

/** Password reset by a single-use link mailed to the account's address. */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly users: UsersRepository,
    private readonly tokens: EmailTokensRepository,
    private readonly sessions: SessionsRepository,
    private readonly passwords: PasswordHasher,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Mails a reset link when the address has an account (earlier links stop working), and answers the same
   * either way: the mail goes out in the background, so neither the answer nor its timing tells who has one.
   */
  async request(email: string): Promise<PasswordResetRequestedView> {
    const { token, hash } = newOneTimeToken();
    await this.tx.run(async () => {
      const user = await this.users.findByEmail(email);
      if (!user) return;
      await this.tokens.invalidateAll(user.id, 'reset_password');
      await this.tokens.insert('reset_password', user.id, user.email, hash, PASSWORD_RESET_TTL_SEC);
      const link = webLink(this.config.publicBaseUrl, 'reset-password', token);
      this.tx.afterCommit(() => this.mailer.sendInBackground(passwordResetMail(user.email, user.name, link)));
    });
    return { accepted: true };
  }

  /** Sets the new password and signs the account out everywhere (every refresh token is revoked). */
  async reset(dto: PasswordResetDto): Promise<PasswordResetView> {
    assertStrongPassword(dto.password);
    const passwordHash = await this.passwords.hash(dto.password);
    return this.tx.run(async () => {
      const used = await this.tokens.consume('reset_password', hashOneTimeToken(dto.token));
      if (!used || !(await this.users.resetPassword(used.userId, used.email, passwordHash))) {
        throw new InvalidError(INVALID_LINK);
      }
      await this.tokens.invalidateAll(used.userId, 'reset_password');
      await this.sessions.revokeAllOfUser(used.userId);
      return { reset: true };
    });
  }
}
