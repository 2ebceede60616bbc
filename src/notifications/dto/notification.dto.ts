import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IntegerField } from '../../http/fields';
import { BriefDto } from '../../profiles/dto/profile.dto';
import { NOTIFICATION_KINDS, type NotificationKind } from '../notification.entity';

@ApiSchema({ name: 'NotificationPost' })
export class NotificationPostDto {
  @ApiProperty({ type: 'integer', example: 1 })
  id: number;

  @ApiProperty({ example: 'Hello' })
  title: string;
}

@ApiSchema({ name: 'NotificationComment' })
export class NotificationCommentDto {
  @ApiProperty({ type: 'integer', example: 1 })
  id: number;

  @ApiProperty({ example: 'Nice post!' })
  content: string;
}

@ApiSchema({ name: 'Notification' })
export class NotificationDto {
  @ApiProperty({ type: 'integer', example: 1 })
  id: number;

  @ApiProperty({ enum: NOTIFICATION_KINDS, example: 'vote', description: 'vote or comment (on your post), reply (to your comment), follow' })
  kind: NotificationKind;

  @ApiProperty({ type: BriefDto })
  actor: BriefDto;

  @ApiProperty({ type: NotificationPostDto, nullable: true, description: 'The post, for vote, comment and reply; null for follow' })
  post: NotificationPostDto | null;

  @ApiProperty({ type: NotificationCommentDto, nullable: true, description: 'The comment, for comment and reply; null otherwise' })
  comment: NotificationCommentDto | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T19:00:00.000+00:00' })
  created_at: string;

  @ApiProperty()
  read: boolean;
}

@ApiSchema({ name: 'UnreadCount' })
export class UnreadCountDto {
  @ApiProperty({ type: 'integer', example: 3 })
  count: number;
}

@ApiSchema({ name: 'NotificationsRead' })
export class NotificationsReadDto {
  @IntegerField({ optional: true, description: 'Mark read only the notifications up to this id (included); absent: all' })
  up_to?: number;
}
