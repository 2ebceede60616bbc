import { BadRequestException, BeforeApplicationShutdown, ForbiddenException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LoginThrottle } from '../auth/login-throttle';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { rowsOf } from '../database/rows';
import { Mailer } from '../mail/mailer';
import { randomToken, sha256 } from '../sessions/opaque-token';
import { EventBus } from '../events/event-bus';
import { REFUSE_COURSE_TOKENS_ISSUED_UNTIL_NOW } from '../sessions/sessions.service';
import type { AuthenticatedUser } from '../sessions/token-users';
import { PasswordHasher } from '../users/password-hasher';
import { UsersService } from '../users/users.service';
import { ResetThrottle } from './reset-throttle';

const RESET_TOKEN_MINUTES = 30;

/** Password change and reset, and account deletion. */
@Injectable()
export class AccountsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AccountsService.name);
  /** Reset requests still being worked on after their answer. */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly loginThrottle: LoginThrottle,
    private readonly resetThrottle: ResetThrottle,
    private readonly mailer: Mailer,
    private readonly bus: EventBus,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Every other session ends; tokens without a session issued until now are refused. */
  async changePassword(user: AuthenticatedUser, currentPassword: string, newPassword: string, client: string): Promise<void> {
    await this.checkPassword(user, currentPassword, client);
    const hash = await this.hasher.hash(newPassword);
    const ended = await rowsOf<{ id: number }>(
      this.db,
      `WITH ended AS (DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2 RETURNING id),
            links AS (DELETE FROM password_reset_tokens WHERE user_id = $1),
            changed AS (UPDATE users SET password = $3, tokens_valid_after = ${REFUSE_COURSE_TOKENS_ISSUED_UNTIL_NOW} WHERE id = $1)
       SELECT id FROM ended`,
      [user.id, user.sessionId, hash],
    );
    await this.bus.publish({ type: 'sessions', user: user.id, ended: ended.map((row) => row.id), courseTokens: true });
  }

  /** Posts, votes, sessions and reset tokens go with the user (ON DELETE CASCADE). */
  async deleteAccount(user: AuthenticatedUser, password: string, client: string): Promise<void> {
    await this.checkPassword(user, password, client);
    await this.db.query('DELETE FROM users WHERE id = $1', [user.id]);
    await this.bus.publish({ type: 'user', id: user.id, deleted: true });
  }

  /**
   * Answers before any work on the address is done, so the answer and its timing are
   * the same for a registered address and any other; the work goes on afterwards.
   * Past the limits there is no work, and the same answer.
   */
  async requestReset(email: string, client: string): Promise<void> {
    if (!(await this.resetThrottle.allows(email, client))) return;
    const work = this.sendResetLink(email).catch((err: Error) => this.logger.warn(`password reset mail failed: ${err.message}`));
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** The token is used up by the same statement that changes the password: single use even under a race. */
  async confirmReset(token: string, newPassword: string): Promise<void> {
    const tokenHash = sha256(token);
    // Checked before the costly hash, so that a made-up token costs no bcrypt work.
    const [known] = await this.db.query('SELECT 1 FROM password_reset_tokens WHERE token_hash = $1 AND expires_at > now()', [tokenHash]);
    if (!known) throw invalidResetToken();
    const hash = await this.hasher.hash(newPassword);
    const changed = await rowsOf<{ id: number; ended: number[] }>(
      this.db,
      `WITH used AS (DELETE FROM password_reset_tokens WHERE token_hash = $1 AND expires_at > now() RETURNING user_id),
            changed AS (UPDATE users SET password = $2, tokens_valid_after = ${REFUSE_COURSE_TOKENS_ISSUED_UNTIL_NOW} FROM used WHERE users.id = used.user_id RETURNING users.id),
            ended AS (DELETE FROM sessions WHERE user_id IN (SELECT id FROM changed) RETURNING id),
            links AS (DELETE FROM password_reset_tokens WHERE user_id IN (SELECT id FROM changed) AND token_hash <> $1)
       SELECT id, ARRAY(SELECT id FROM ended) AS ended FROM changed`,
      [tokenHash, hash],
    );
    if (changed.length === 0) throw invalidResetToken();
    await this.bus.publish({ type: 'sessions', user: changed[0].id, ended: changed[0].ended.map(Number), courseTokens: true });
  }

  /** Resolves once every reset request answered so far has been worked off. */
  async idle(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.idle();
  }

  private async sendResetLink(email: string): Promise<void> {
    const token = randomToken();
    const [created] = await rowsOf(
      this.db,
      `WITH target AS (SELECT id FROM users WHERE email = $1),
            expired AS (DELETE FROM password_reset_tokens p USING target WHERE p.user_id = target.id AND p.expires_at <= now())
       INSERT INTO password_reset_tokens (token_hash, user_id, expires_at)
       SELECT $2, id, now() + make_interval(mins => $3) FROM target RETURNING user_id`,
      [email, sha256(token), RESET_TOKEN_MINUTES],
    );
    if (!created) return;
    const link = new URL(this.config.passwordResetUrl);
    link.searchParams.set('token', token);
    await this.mailer.send({
      to: email,
      subject: 'Reset your password',
      text:
        `Someone asked to reset the password of your account (${email}).\n\n` +
        `To choose a new password, open this link within ${RESET_TOKEN_MINUTES} minutes:\n${link.href}\n\n` +
        'The link works once. If you did not ask for it, ignore this mail: your password stays as it is.\n',
    });
  }

  /** A wrong password here counts as a failed login, with the same limits. */
  private async checkPassword(user: AuthenticatedUser, password: string, client: string): Promise<void> {
    const check = await this.loginThrottle.attempt(user.email, client, async () => {
      const stored = await this.users.findWithPasswordByEmail(user.email);
      return this.hasher.check(password, stored?.password);
    });
    if (!check.matches) throw new ForbiddenException('Invalid Credentials');
  }
}

const invalidResetToken = () => new BadRequestException('Invalid or expired reset token');
