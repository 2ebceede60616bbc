import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isStorableId, PG_FOREIGN_KEY_VIOLATION, sqlState } from '../database/database-errors';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { EventBus } from '../events/event-bus';
import { ReadRouting } from '../database/read-routing';
import { PageQueryDto } from '../http/page-query.dto';
import { postNotFound, readableBy } from '../posts/post-access';
import { BriefList, BriefPages, BriefsAnswer } from '../profiles/brief';
import { User } from '../users/user.entity';
import { PostVoteDto, VoteDto, VoteResultDto } from './dto/vote.dto';
import { Vote } from './vote.entity';

/** The post $2 with its vote count, if the user $1 may read it; the vote statements act on this relation only. */
const READABLE_POST = `SELECT p.id, p.owner_id, p.votes_count FROM posts p WHERE p.id = $2 AND ${readableBy('$1')}`;

/** Adds (dir 1) or removes (dir 0) the user's vote on `post`, returning a row if one changed. */
const VOTE_SQL = {
  1: `INSERT INTO votes (user_id, post_id) SELECT $1, id FROM post ON CONFLICT DO NOTHING RETURNING 1`,
  0: `DELETE FROM votes v USING post WHERE v.user_id = $1 AND v.post_id = post.id RETURNING 1`,
};

/** What a vote statement found: whether the post was readable, whether a vote row changed, and the count after it. */
interface VoteOutcome {
  readable: boolean;
  changed: boolean;
  votes: number | null;
  owner_id: number | null;
}

/** A post's voters, newest vote first; X-Total-Count is the post's vote count. */
const VOTERS: BriefList = {
  subject: `SELECT p.id, p.votes_count AS total FROM posts p WHERE p.id = $2 AND ${readableBy('$1')}`,
  edges: 'votes',
  listed: 'user_id',
  where: 'e.post_id = subject.id',
  hideBlocked: true,
};

@Injectable()
export class VotesService {
  private readonly briefs: BriefPages;

  constructor(
    @InjectRepository(Vote) private readonly votes: Repository<Vote>,
    private readonly reads: ReadRouting,
    private readonly bus: EventBus,
    @InjectConfig() config: AppConfig,
  ) {
    this.briefs = new BriefPages(config.secretKey);
  }

  /** GET /posts/{id}/votes. */
  async voters(viewer: User, postId: number, query: PageQueryDto): Promise<BriefsAnswer> {
    const page = isStorableId(postId) ? await this.briefs.read(this.reads, viewer.id, VOTERS, postId, query, `/posts/${postId}/votes`) : null;
    if (!page) throw postNotFound.onRead(postId);
    return page;
  }

  /** The course's POST /vote: a vote that is already in the asked-for state is a 409 or a 404. */
  async vote(user: User, { post_id: postId, dir }: VoteDto): Promise<VoteResultDto> {
    const { changed } = await this.apply(user, postId, dir);
    if (dir === 1) {
      if (!changed) throw new ConflictException(`user ${user.id} has already voted on post ${postId}`);
      return { message: 'successfully added vote' };
    }
    if (!changed) throw new NotFoundException('Vote does not exist');
    return { message: 'successfully deleted vote' };
  }

  /** PUT and DELETE /posts/{id}/vote: idempotent, answering the state the post is left in. */
  async setVote(user: User, postId: number, voted: boolean): Promise<PostVoteDto> {
    const { votes } = await this.apply(user, postId, voted ? 1 : 0);
    return { post_id: postId, votes: votes as number, voted };
  }

  /**
   * One statement checks that the user may read the post and adds or removes the
   * vote. The primary key (user_id, post_id) decides between concurrent identical
   * votes: one insert wins, the others find the row. The count is the one the
   * statement read plus its own change (a statement does not see the counter its
   * own write's trigger moves).
   */
  private async apply(user: User, postId: number, dir: 0 | 1): Promise<VoteOutcome> {
    if (!isStorableId(postId)) throw postNotFound.onVote(postId);
    let outcome: VoteOutcome;
    try {
      [outcome] = await this.votes.query(
        `WITH post AS (${READABLE_POST}), changed AS (${VOTE_SQL[dir]})
         SELECT EXISTS (SELECT 1 FROM post) AS readable, EXISTS (SELECT 1 FROM changed) AS changed,
                (SELECT votes_count FROM post) ${dir === 1 ? '+' : '-'} (SELECT count(*) FROM changed)::int AS votes,
                (SELECT owner_id FROM post) AS owner_id`,
        [user.id, postId],
      );
    } catch (err) {
      // The post was deleted between the statement's snapshot and its insert.
      if (sqlState(err) === PG_FOREIGN_KEY_VIOLATION) throw postNotFound.onVote(postId);
      throw err;
    }
    if (!outcome.readable) throw postNotFound.onVote(postId);
    // The owner's notification (a vote of someone else) is made or taken back with it.
    if (outcome.changed) await this.bus.publish({ type: 'votes', post: postId }, ...(outcome.owner_id === user.id ? [] : [{ type: 'notifications' as const, user: outcome.owner_id! }]));
    return outcome;
  }
}
