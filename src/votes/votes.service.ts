import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isStorableId, PG_FOREIGN_KEY_VIOLATION, sqlState } from '../database/database-errors';
import { postNotFound, readableBy } from '../posts/post-access';
import { User } from '../users/user.entity';
import { VoteDto, VoteResultDto } from './dto/vote.dto';
import { Vote } from './vote.entity';

/** The post $2 if the user $1 may read it; the vote statements act on this relation only. */
const READABLE_POST = `SELECT p.id FROM posts p WHERE p.id = $2 AND ${readableBy('$1')}`;

/** Adds (dir 1) or removes (dir 0) the vote, reporting whether the post was readable and whether a row changed. */
const VOTE_SQL = {
  1: `INSERT INTO votes (user_id, post_id) SELECT $1, id FROM post ON CONFLICT DO NOTHING RETURNING 1`,
  0: `DELETE FROM votes v USING post WHERE v.user_id = $1 AND v.post_id = post.id RETURNING 1`,
};

@Injectable()
export class VotesService {
  constructor(@InjectRepository(Vote) private readonly votes: Repository<Vote>) {}

  /**
   * One statement checks that the user may read the post and adds or removes the
   * vote. The primary key (user_id, post_id) decides between concurrent identical
   * votes: one insert wins, the others find the row and get a 409.
   */
  async vote(user: User, { post_id: postId, dir }: VoteDto): Promise<VoteResultDto> {
    if (!isStorableId(postId)) throw postNotFound.onVote(postId);
    let result: { readable: boolean; changed: boolean };
    try {
      [result] = await this.votes.query(
        `WITH post AS (${READABLE_POST}), changed AS (${VOTE_SQL[dir]})
         SELECT EXISTS (SELECT 1 FROM post) AS readable, EXISTS (SELECT 1 FROM changed) AS changed`,
        [user.id, postId],
      );
    } catch (err) {
      // The post was deleted between the statement's snapshot and its insert.
      if (sqlState(err) === PG_FOREIGN_KEY_VIOLATION) throw postNotFound.onVote(postId);
      throw err;
    }
    if (!result.readable) throw postNotFound.onVote(postId);
    if (dir === 1) {
      if (!result.changed) throw new ConflictException(`user ${user.id} has already voted on post ${postId}`);
      return { message: 'successfully added vote' };
    }
    if (!result.changed) throw new NotFoundException('Vote does not exist');
    return { message: 'successfully deleted vote' };
  }
}
