import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IntegerField, QueryIntegerField, TextField } from '../../http/fields';
import { PageQueryDto } from '../../http/page-query.dto';
import { UserOut } from '../../users/dto/user-out.dto';

const CONTENT = { minLength: 1, maxLength: 2000 };

@ApiSchema({ name: 'CommentCreate' })
export class CommentCreateDto {
  @TextField({ ...CONTENT, example: 'Nice post!' })
  content: string;

  @IntegerField({ optional: true, description: 'A comment of the same post to reply to (a reply to a reply joins its thread)' })
  reply_to?: number;
}

@ApiSchema({ name: 'CommentPatch' })
export class CommentPatchDto {
  @TextField({ ...CONTENT, example: 'Nice post! (edited)' })
  content: string;
}

export class CommentsQueryDto extends PageQueryDto {
  @QueryIntegerField({ minimum: 1, maximum: 2_147_483_647, description: "List this comment's replies instead of the post's comments" })
  reply_to?: number;
}

@ApiSchema({ name: 'Comment' })
export class CommentDto {
  @ApiProperty({ type: 'integer', example: 1 })
  id: number;

  @ApiProperty({ type: 'integer', example: 1 })
  post_id: number;

  @ApiProperty({ example: 'Nice post!' })
  content: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T19:00:00.000+00:00' })
  created_at: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, example: null, description: 'When the content was last changed; null if never' })
  edited_at: string | null;

  @ApiProperty({ type: UserOut })
  owner: UserOut;

  @ApiProperty({ type: 'integer', nullable: true, example: null, description: 'The comment this one replies to; null for a top-level comment' })
  reply_to: number | null;

  @ApiProperty({ type: 'integer', example: 0, description: 'Replies to this comment' })
  replies: number;
}
