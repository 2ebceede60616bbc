import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isStorableId, PG_FOREIGN_KEY_VIOLATION, PG_UNIQUE_VIOLATION, sqlState } from '../database/database-errors';
import { PostsRepository } from '../posts/posts.repository';
import { User } from '../users/user.entity';
import { VoteDto, VoteResultDto } from './dto/vote.dto';
import { Vote } from './vote.entity';

@Injectable()
export class VotesService {
  constructor(
    @InjectRepository(Vote) private readonly votes: Repository<Vote>,
    private readonly posts: PostsRepository,
  ) {}

  /**
   * The primary key (user_id, post_id) decides between concurrent identical
   * votes: one insert wins, the others hit the unique violation and get a 409.
   */
  async vote(user: User, { post_id: postId, dir }: VoteDto): Promise<VoteResultDto> {
    if (!isStorableId(postId) || !(await this.posts.isVisibleTo(postId, user.id))) throw postNotFound(postId);
    const key = { userId: user.id, postId };
    if (dir === 1) {
      try {
        await this.votes.insert(key);
      } catch (err) {
        if (sqlState(err) === PG_UNIQUE_VIOLATION) throw new ConflictException(`user ${user.id} has already voted on post ${postId}`);
        // The post was deleted between the check and the insert.
        if (sqlState(err) === PG_FOREIGN_KEY_VIOLATION) throw postNotFound(postId);
        throw err;
      }
      return { message: 'successfully added vote' };
    }
    const { affected } = await this.votes.delete(key);
    if (!affected) throw new NotFoundException('Vote does not exist');
    return { message: 'successfully deleted vote' };
  }
}

function postNotFound(postId: number): NotFoundException {
  return new NotFoundException(`Post with id: ${postId} does not exist`);
}
