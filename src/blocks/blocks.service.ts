import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { EventBus } from '../events/event-bus';
import { PG_FOREIGN_KEY_VIOLATION, sqlState } from '../database/database-errors';
import { ReadRouting } from '../database/read-routing';
import { PageQueryDto } from '../http/page-query.dto';
import { RequestValidationError } from '../http/request-validation.error';
import { BriefList, BriefPages, BriefsAnswer } from '../profiles/brief';
import { profileNotFound } from '../profiles/username-param';
import type { User } from '../users/user.entity';
import { BlockStateDto } from './dto/block-state.dto';

/** Whom the viewer blocks, newest block first; no count (blocks are not counted). */
const BLOCKS: BriefList = {
  subject: 'SELECT id, NULL::int AS total FROM users WHERE id = $2',
  edges: 'blocks',
  listed: 'blocked_id',
  where: 'e.blocker_id = subject.id',
  hideBlocked: false,
};

/** Adds or removes the viewer $1's block of `target`. */
const BLOCK_SQL = {
  block: `INSERT INTO blocks (blocker_id, blocked_id) SELECT $1, id FROM target WHERE id <> $1 ON CONFLICT DO NOTHING`,
  unblock: `DELETE FROM blocks b USING target WHERE b.blocker_id = $1 AND b.blocked_id = target.id`,
};

/**
 * Blocks. What a block hides is the visibility rule of src/posts/post-access.ts; what it
 * ends (the follows between the two, the blocked user's notifications to the blocker) the
 * database does, in the block's statement (migration AddCommentsNotificationsAndBlocks).
 */
@Injectable()
export class BlocksService {
  private readonly briefs: BriefPages;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reads: ReadRouting,
    private readonly bus: EventBus,
    @InjectConfig() config: AppConfig,
  ) {
    this.briefs = new BriefPages(config.secretKey);
  }

  /** PUT and DELETE /profiles/{username}/block: idempotent; anyone may be blocked, whoever blocks whom already. */
  async setBlock(viewer: User, username: string, blocked: boolean): Promise<BlockStateDto> {
    let row: { id: number; username: string } | undefined;
    try {
      [row] = await this.db.query(
        `WITH target AS (SELECT id, username FROM users WHERE lower(username) = lower($2)), changed AS (${BLOCK_SQL[blocked ? 'block' : 'unblock']})
         SELECT id, username FROM target`,
        [viewer.id, username],
      );
    } catch (err) {
      if (sqlState(err) === PG_FOREIGN_KEY_VIOLATION) throw profileNotFound();
      throw err;
    }
    if (!row) throw profileNotFound();
    if (row.id === viewer.id) throw RequestValidationError.single(['path', 'username'], 'Value error, you cannot block yourself', 'value_error');
    // A block ends the follows both ways and the notifications between the two.
    if (blocked) {
      await this.bus.publish(
        { type: 'follows', follower: viewer.id, followee: row.id, following: false },
        { type: 'follows', follower: row.id, followee: viewer.id, following: false },
        { type: 'notifications', user: viewer.id },
        { type: 'notifications', user: row.id },
      );
    }
    return { username: row.username, blocked };
  }

  async list(viewer: User, query: PageQueryDto): Promise<BriefsAnswer> {
    return (await this.briefs.read(this.reads, viewer.id, BLOCKS, viewer.id, query, '/users/me/blocks'))!;
  }
}
