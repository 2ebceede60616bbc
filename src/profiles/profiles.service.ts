import { Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PG_UNIQUE_VIOLATION, sqlConstraint, sqlState } from '../database/database-errors';
import { ReadRouting } from '../database/read-routing';
import { EventBus } from '../events/event-bus';
import { isoDateTime } from '../http/iso-datetime';
import type { User } from '../users/user.entity';
import { USERNAME_KEY, usernameTaken } from '../users/users.service';
import { ProfileDto, ProfilePatchDto } from './dto/profile.dto';
import { profileNotFound } from './username-param';

interface ProfileRow {
  id: number;
  username: string;
  display_name: string;
  bio: string;
  created_at: Date;
  posts_count: number;
  followers_count: number;
  following_count: number;
  followed: boolean;
  follows_you: boolean;
}

/** A profile's columns for the viewer $1, of the user aliased `u`: counts are kept by triggers, the two relations are primary-key probes. */
const PROFILE_COLUMNS = `u.id, u.username, u.display_name, u.bio, u.created_at, u.posts_count, u.followers_count, u.following_count,
  EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = $1 AND f.followee_id = u.id) AS followed,
  EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = u.id AND f.followee_id = $1) AS follows_you`;

/** The columns PATCH /users/me may change, by DTO field. Names are spliced into SQL, so only these ever are. */
const CHANGEABLE: Record<keyof ProfilePatchDto, string> = { username: 'username', display_name: 'display_name', bio: 'bio' };

@Injectable()
export class ProfilesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reads: ReadRouting,
    private readonly bus: EventBus,
  ) {}

  async get(viewer: User, username: string): Promise<ProfileDto> {
    const [row] = await this.reads.reader(viewer.id).query<ProfileRow[]>(`SELECT ${PROFILE_COLUMNS} FROM users u WHERE lower(u.username) = lower($2)`, [
      viewer.id,
      username,
    ]);
    if (!row) throw profileNotFound();
    return toProfile(row);
  }

  /** PATCH /users/me: the changed profile, in one statement. */
  async update(user: User, patch: ProfilePatchDto): Promise<ProfileDto> {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as [keyof ProfilePatchDto, string][];
    const changes = entries.map(([field], i) => `${CHANGEABLE[field]} = $${i + 2}`);
    const sql =
      changes.length === 0
        ? `SELECT ${PROFILE_COLUMNS} FROM users u WHERE u.id = $1`
        : `WITH u AS (UPDATE users SET ${changes.join(', ')} WHERE id = $1 RETURNING *) SELECT ${PROFILE_COLUMNS} FROM u`;
    try {
      const [row] = await this.db.query<ProfileRow[]>(sql, [user.id, ...entries.map(([, value]) => value)]);
      // The account was deleted since the token was checked.
      if (!row) throw new UnauthorizedException('Could not validate credentials');
      // Cached token lookups hold the username: they read it again.
      if (entries.some(([field]) => field === 'username')) await this.bus.publish({ type: 'user', id: user.id, deleted: false });
      return toProfile(row);
    } catch (err) {
      if (sqlState(err) === PG_UNIQUE_VIOLATION && sqlConstraint(err) === USERNAME_KEY) throw usernameTaken();
      throw err;
    }
  }
}

function toProfile(row: ProfileRow): ProfileDto {
  return { ...row, created_at: isoDateTime(row.created_at) };
}
