import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isStorableId, PG_UNIQUE_VIOLATION, sqlConstraint, sqlState } from '../database/database-errors';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { CreateUserDto } from './dto/create-user.dto';
import { UserOut, viewerOf } from './dto/user-out.dto';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';

/** The columns a UserOut is made of. */
const USER_COLUMNS = 'id, email, username, created_at AS "createdAt"';

/** The unique key that makes a username taken (lower(username)). */
export const USERNAME_KEY = 'users_username_key';

export const usernameTaken = () => new ConflictException('Username already taken');

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** `user` as `viewer` sees them (null: a request without a token). */
  describe(user: User, viewer: User | null): UserOut {
    return UserOut.from(user, viewerOf(viewer, this.config));
  }

  async describeById(id: number, viewer: User | null): Promise<UserOut> {
    return this.describe(await this.getById(id), viewer);
  }

  /**
   * Without a username, the database makes one from the e-mail (a trigger, so that
   * every writer gets one); a sign-up that chose the same name at that instant can
   * still take it first, and then the insert is tried once more.
   */
  async register({ email, password, username }: CreateUserDto): Promise<UserOut> {
    // Cheap early answer for the common case; the unique keys settle the race.
    if (await this.users.existsBy({ email })) throw this.emailTaken(email);
    const hash = await this.hasher.hash(password);
    for (let attempt = 1; ; attempt++) {
      try {
        const [row] = await this.users.query<User[]>(`INSERT INTO users (email, password, username) VALUES ($1, $2, $3) RETURNING ${USER_COLUMNS}`, [
          email,
          hash,
          username ?? null,
        ]);
        const user = this.users.create(row);
        return this.describe(user, user);
      } catch (err) {
        if (sqlState(err) !== PG_UNIQUE_VIOLATION) throw err;
        if (sqlConstraint(err) !== USERNAME_KEY) throw this.emailTaken(email);
        if (username !== undefined) throw usernameTaken();
        if (attempt === 2) throw err;
      }
    }
  }

  /** Runs for every authenticated request (the token's user), so it skips TypeORM's query building. */
  async findById(id: number): Promise<User | null> {
    if (!isStorableId(id)) return null;
    const [row] = await this.users.query<User[]>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    return row ? this.users.create(row) : null;
  }

  async getById(id: number): Promise<User> {
    const user = await this.findById(id);
    if (!user) throw new NotFoundException(`User with id: ${id} does not exist`);
    return user;
  }

  /** The only read that loads the password hash. */
  findWithPasswordByEmail(email: string): Promise<User | null> {
    return this.users.createQueryBuilder('user').addSelect('user.password').where('user.email = :email', { email }).getOne();
  }

  /**
   * Replaces a hash made at another cost or of another form of the password, unless it
   * changed meanwhile (a password change or reset made at the same time wins).
   */
  async replacePasswordHash(id: number, oldHash: string, newHash: string): Promise<void> {
    await this.users.query('UPDATE users SET password = $3 WHERE id = $1 AND password = $2', [id, oldHash, newHash]);
  }

  private emailTaken(email: string): ConflictException {
    return new ConflictException(`User with email: ${email} already exists`);
  }
}
