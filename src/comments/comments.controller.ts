import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../http/api-errors';
import { IdParam } from '../http/id-param.decorator';
import { NEXT_PAGE_HEADERS, sendHeaders } from '../http/paging';
import { User } from '../users/user.entity';
import { CommentsService } from './comments.service';
import { CommentCreateDto, CommentDto, CommentPatchDto, CommentsQueryDto } from './dto/comment.dto';

@ApiTags('Comments')
@Controller()
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Post('posts/:id/comments')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ operationId: 'createComment', summary: 'Comment on a post, or (reply_to) reply to one of its comments' })
  @ApiCreatedResponse({ type: CommentDto })
  @ApiErrors(404, 413, 422)
  create(@CurrentUser() user: User, @IdParam() id: number, @Body() dto: CommentCreateDto): Promise<CommentDto> {
    return this.comments.create(user, id, dto);
  }

  @Get('posts/:id/comments')
  @ApiOperation({ operationId: 'listComments', summary: "A post's comments, oldest first; with reply_to, that comment's replies" })
  @ApiOkResponse({ type: [CommentDto], headers: NEXT_PAGE_HEADERS })
  @ApiErrors(404, 422)
  async list(@CurrentUser() user: User, @IdParam() id: number, @Query() query: CommentsQueryDto, @Res({ passthrough: true }) res: Response): Promise<CommentDto[]> {
    const { comments, headers } = await this.comments.list(user, id, query);
    sendHeaders(res, headers);
    return comments;
  }

  @Get('comments/:id')
  @ApiOperation({ operationId: 'getComment', summary: 'One comment' })
  @ApiOkResponse({ type: CommentDto })
  @ApiErrors(404, 422)
  get(@CurrentUser() user: User, @IdParam() id: number): Promise<CommentDto> {
    return this.comments.get(user, id);
  }

  @Patch('comments/:id')
  @ApiOperation({ operationId: 'updateComment', summary: 'Change your comment (sets edited_at)' })
  @ApiOkResponse({ type: CommentDto })
  @ApiErrors(403, 404, 413, 422)
  update(@CurrentUser() user: User, @IdParam() id: number, @Body() dto: CommentPatchDto): Promise<CommentDto> {
    return this.comments.update(user, id, dto);
  }

  @Delete('comments/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'deleteComment', summary: "Delete your comment, or one on your post, and its replies" })
  @ApiNoContentResponse()
  @ApiErrors(403, 404, 422)
  remove(@CurrentUser() user: User, @IdParam() id: number): Promise<void> {
    return this.comments.remove(user, id);
  }
}
