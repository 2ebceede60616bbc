import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../http/api-errors';
import { IdParam } from '../http/id-param.decorator';
import { NEXT_PAGE_HEADERS, sendHeaders } from '../http/paging';
import { User } from '../users/user.entity';
import { FeedQueryDto } from './dto/feed-query.dto';
import { PostCreateDto, PostPatchDto } from './dto/post-input.dto';
import { PostDto, PostOutDto } from './dto/post-out.dto';
import { PostsService } from './posts.service';

@ApiTags('Posts')
@Controller('posts')
export class PostsController {
  constructor(private readonly posts: PostsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listPosts',
    summary: 'The feed, newest first; drafts only to their owner. X-Total-Count has the number of matching posts; Link and X-Next-Cursor lead to the next page.',
  })
  @ApiOkResponse({
    type: [PostOutDto],
    headers: {
      'X-Total-Count': { schema: { type: 'integer' }, description: 'Posts matching the query (a search counts at most SEARCH_COUNT_LIMIT)' },
      'X-Total-Count-Capped': { schema: { type: 'string', enum: ['true'] }, description: 'Present when a search has more matches than X-Total-Count says' },
      ...NEXT_PAGE_HEADERS,
    },
  })
  @ApiErrors(422)
  async list(@CurrentUser() user: User, @Query() query: FeedQueryDto, @Res({ passthrough: true }) res: Response): Promise<PostOutDto[]> {
    const { posts, headers } = await this.posts.list(user, query);
    sendHeaders(res, headers);
    return posts;
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getPost', summary: 'One post with its vote count' })
  @ApiOkResponse({ type: PostOutDto })
  @ApiErrors(404, 422)
  get(@CurrentUser() user: User, @IdParam() id: number): Promise<PostOutDto> {
    return this.posts.get(user, id);
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ operationId: 'createPost', summary: 'Write a post' })
  @ApiCreatedResponse({ type: PostDto })
  @ApiErrors(413, 422)
  create(@CurrentUser() user: User, @Body() dto: PostCreateDto): Promise<PostDto> {
    return this.posts.create(user, dto);
  }

  @Put(':id')
  @ApiOperation({ operationId: 'replacePost', summary: 'Replace a post (published defaults to true)' })
  @ApiOkResponse({ type: PostDto })
  @ApiErrors(403, 404, 413, 422)
  replace(@CurrentUser() user: User, @IdParam() id: number, @Body() dto: PostCreateDto): Promise<PostDto> {
    return this.posts.update(user, id, dto);
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updatePost', summary: 'Change some fields of a post' })
  @ApiOkResponse({ type: PostDto })
  @ApiErrors(403, 404, 413, 422)
  patch(@CurrentUser() user: User, @IdParam() id: number, @Body() dto: PostPatchDto): Promise<PostDto> {
    return this.posts.update(user, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'deletePost', summary: 'Delete a post and its votes' })
  @ApiNoContentResponse()
  @ApiErrors(403, 404, 422)
  remove(@CurrentUser() user: User, @IdParam() id: number): Promise<void> {
    return this.posts.remove(user, id);
  }
}
