import { ForbiddenException, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { normaliseEmail } from '../http/fields';
import { ServiceBusyException } from '../http/too-many-requests.exception';
import { Metrics } from '../metrics/metrics';
import { PasswordHasher } from '../users/password-hasher';
import { SessionsService } from '../sessions/sessions.service';
import { UsersService } from '../users/users.service';
import { LoginDto } from './dto/login.dto';
import { TokenDto } from './dto/token.dto';
import { LoginThrottle } from './login-throttle';

/** The outcome label of a login that ended with this status. */
const OUTCOMES = new Map<number, string>([
  [HttpStatus.FORBIDDEN, 'failure'],
  [HttpStatus.TOO_MANY_REQUESTS, 'rate_limited'],
  [HttpStatus.SERVICE_UNAVAILABLE, 'busy'],
]);

@Injectable()
export class AuthService {
  private readonly logins: Counter<'outcome'>;

  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
    metrics: Metrics,
  ) {
    this.logins = metrics.counter({ name: 'social_api_logins_total', help: 'Password logins (POST /login) by outcome', labelNames: ['outcome'] });
  }

  /** A password login, counted by its outcome: success, failure, rate_limited, busy or error. */
  async login(form: LoginDto, client: string, userAgent?: string): Promise<TokenDto> {
    try {
      const answer = await this.passwordLogin(form, client, userAgent);
      this.logins.inc({ outcome: 'success' });
      return answer;
    } catch (err) {
      this.logins.inc({ outcome: (err instanceof HttpException && OUTCOMES.get(err.getStatus())) || 'error' });
      throw err;
    }
  }

  /** Unknown e-mail and wrong password get the same answer after the same bcrypt work. */
  private async passwordLogin({ username, password }: LoginDto, client: string, userAgent?: string): Promise<TokenDto> {
    const email = normaliseEmail(username);
    const { user, check } = await this.throttle.attempt(email, client, async () => {
      const user = await this.users.findWithPasswordByEmail(email);
      const check = await this.hasher.check(password, user?.password);
      return { user, check, matches: check.matches };
    });
    if (!check.matches) throw new ForbiddenException('Invalid Credentials');
    if (check.rehash) await this.rehash(user!.id, user!.password, password);
    return this.sessions.open(user!.id, userAgent);
  }

  /** Brings the stored hash to today's cost and form; when the hashing queue is full, at a later login. */
  private async rehash(userId: number, oldHash: string, password: string): Promise<void> {
    try {
      await this.users.replacePasswordHash(userId, oldHash, await this.hasher.hash(password));
    } catch (err) {
      if (!(err instanceof ServiceBusyException)) throw err;
    }
  }
}
