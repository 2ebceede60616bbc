import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { UserOut } from '../../users/dto/user-out.dto';

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

  @ApiProperty({ type: 'integer', example: 2, description: 'Comments on the post, replies included' })
  comments: number;
}
