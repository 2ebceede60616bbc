import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isStorableId, PG_UNIQUE_VIOLATION, sqlState } from '../database/database-errors';
import { CreateUserDto } from './dto/create-user.dto';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
  ) {}

  async register({ email, password }: CreateUserDto): Promise<User> {
    // Cheap early answer for the common case; the unique key settles the race.
    if (await this.users.existsBy({ email })) throw this.emailTaken(email);
    const hash = await this.hasher.hash(password);
    try {
      return await this.users.save(this.users.create({ email, password: hash }), { transaction: false });
    } catch (err) {
      if (sqlState(err) === PG_UNIQUE_VIOLATION) throw this.emailTaken(email);
      throw err;
    }
  }

  /** Runs for every authenticated request (the token's user), so it skips TypeORM's query building. */
  async findById(id: number): Promise<User | null> {
    if (!isStorableId(id)) return null;
    const [row] = await this.users.query<{ id: number; email: string; created_at: Date }[]>(
      'SELECT id, email, created_at FROM users WHERE id = $1',
      [id],
    );
    return row ? this.users.create({ id: row.id, email: row.email, createdAt: row.created_at }) : null;
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
