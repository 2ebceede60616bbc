import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IntegerField } from '../../http/fields';

@ApiSchema({ name: 'Vote' })
export class VoteDto {
  @IntegerField({ example: 1 })
  post_id: number;

  @IntegerField({ values: [0, 1], description: '1 adds your vote, 0 takes it back' })
  dir: 0 | 1;
}

@ApiSchema({ name: 'VoteResult' })
export class VoteResultDto {
  @ApiProperty({ example: 'successfully added vote' })
  message: string;
}

/** A post's vote state after PUT or DELETE /posts/{id}/vote. */
@ApiSchema({ name: 'PostVote' })
export class PostVoteDto {
  @ApiProperty({ type: 'integer', example: 1 })
  post_id: number;

  @ApiProperty({ type: 'integer', example: 3, description: 'Votes on the post, yours included' })
  votes: number;

  @ApiProperty({ description: 'Whether you have voted on the post' })
  voted: boolean;
}
