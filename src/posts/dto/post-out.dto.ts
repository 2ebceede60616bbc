import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { isoDateTime } from '../../http/iso-datetime';
import { UserOut } from '../../users/dto/user-out.dto';
import type { User } from '../../users/user.entity';
import type { Post } from '../post.entity';

@ApiSchema({ name: 'Post' })
export class PostDto {
  @ApiProperty({ type: 'integer', example: 1 })
  id: number;

  @ApiProperty({ example: 'Hello' })
  title: string;

  @ApiProperty({ example: 'My first post' })
  content: string;

  @ApiProperty({ example: true })
  published: boolean;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T19:00:00.000+00:00' })
  created_at: string;

  @ApiProperty({ type: 'integer', example: 1 })
  owner_id: number;

  @ApiProperty({ type: UserOut })
  owner: UserOut;

  static from(post: Omit<Post, 'owner' | 'votesCount'>, owner: Pick<User, 'id' | 'email' | 'createdAt'>): PostDto {
    return {
      id: post.id,
      title: post.title,
      content: post.content,
      published: post.published,
      created_at: isoDateTime(post.createdAt),
      owner_id: post.ownerId,
      owner: UserOut.from(owner),
    };
  }
}

/** A post with its vote count; the capitalised key is the course API's. */
@ApiSchema({ name: 'PostOut' })
export class PostOutDto {
  @ApiProperty({ type: PostDto })
  Post: PostDto;

  @ApiProperty({ type: 'integer', example: 3 })
  votes: number;

  @ApiProperty({ description: 'Whether you have voted on the post' })
  voted: boolean;
}
