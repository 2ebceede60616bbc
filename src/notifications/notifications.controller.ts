import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../http/api-errors';
import { PageQueryDto } from '../http/page-query.dto';
import { NEXT_PAGE_HEADERS, sendHeaders } from '../http/paging';
import { User } from '../users/user.entity';
import { NotificationDto, NotificationsReadDto, UnreadCountDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('Notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ operationId: 'listNotifications', summary: 'Your notifications, newest first' })
  @ApiOkResponse({ type: [NotificationDto], headers: NEXT_PAGE_HEADERS })
  @ApiErrors(422)
  async list(@CurrentUser() user: User, @Query() query: PageQueryDto, @Res({ passthrough: true }) res: Response): Promise<NotificationDto[]> {
    const { notifications, headers } = await this.notifications.list(user, query);
    sendHeaders(res, headers);
    return notifications;
  }

  @Get('unread')
  @ApiOperation({ operationId: 'countUnreadNotifications', summary: 'How many of your notifications are unread' })
  @ApiOkResponse({ type: UnreadCountDto })
  unread(@CurrentUser() user: User): Promise<UnreadCountDto> {
    return this.notifications.unread(user);
  }

  @Post('read')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'markNotificationsRead', summary: 'Mark your notifications read: all, or up to up_to' })
  @ApiNoContentResponse()
  @ApiErrors(413, 422)
  markRead(@CurrentUser() user: User, @Body() dto: NotificationsReadDto): Promise<void> {
    return this.notifications.markRead(user, dto);
  }
}
