import { Body, Controller, Delete, Get, Patch, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/current-user.decorator';
import { FollowsService } from '../follows/follows.service';
import { ApiErrors } from '../http/api-errors';
import { PageQueryDto } from '../http/page-query.dto';
import { NEXT_PAGE_HEADERS, sendHeaders, TOTAL_COUNT_HEADER } from '../http/paging';
import { PostOutDto } from '../posts/dto/post-out.dto';
import { PostsService } from '../posts/posts.service';
import { User } from '../users/user.entity';
import { BriefDto, FollowStateDto, ProfileDto, ProfilePatchDto } from './dto/profile.dto';
import { ProfilesService } from './profiles.service';
import { UsernameParam } from './username-param';

const LIST_HEADERS = { ...TOTAL_COUNT_HEADER, ...NEXT_PAGE_HEADERS };

@ApiTags('Profiles')
@Controller()
export class ProfilesController {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly follows: FollowsService,
    private readonly posts: PostsService,
  ) {}

  @Patch('users/me')
  @ApiTags('Users')
  @ApiOperation({ operationId: 'updateProfile', summary: 'Change your username, display name or bio' })
  @ApiOkResponse({ type: ProfileDto })
  @ApiErrors(409, 413, 422)
  update(@CurrentUser() user: User, @Body() patch: ProfilePatchDto): Promise<ProfileDto> {
    return this.profiles.update(user, patch);
  }

  @Get('profiles/:username')
  @ApiOperation({ operationId: 'getProfile', summary: 'A profile, with its counts and how you are related' })
  @ApiOkResponse({ type: ProfileDto })
  @ApiErrors(404)
  get(@CurrentUser() user: User, @UsernameParam() username: string): Promise<ProfileDto> {
    return this.profiles.get(user, username);
  }

  @Put('profiles/:username/follow')
  @ApiOperation({ operationId: 'follow', summary: 'Follow a profile; following again changes nothing' })
  @ApiOkResponse({ type: FollowStateDto })
  @ApiErrors(404, 422)
  follow(@CurrentUser() user: User, @UsernameParam() username: string): Promise<FollowStateDto> {
    return this.follows.setFollow(user, username, true);
  }

  @Delete('profiles/:username/follow')
  @ApiOperation({ operationId: 'unfollow', summary: 'Stop following a profile; without a follow, nothing changes' })
  @ApiOkResponse({ type: FollowStateDto })
  @ApiErrors(404, 422)
  unfollow(@CurrentUser() user: User, @UsernameParam() username: string): Promise<FollowStateDto> {
    return this.follows.setFollow(user, username, false);
  }

  @Get('profiles/:username/followers')
  @ApiOperation({ operationId: 'listFollowers', summary: 'Who follows the profile, newest follow first' })
  @ApiOkResponse({ type: [BriefDto], headers: LIST_HEADERS })
  @ApiErrors(404, 422)
  async followers(@CurrentUser() user: User, @UsernameParam() username: string, @Query() query: PageQueryDto, @Res({ passthrough: true }) res: Response): Promise<BriefDto[]> {
    const { users, headers } = await this.follows.list(user, username, 'followers', query);
    sendHeaders(res, headers);
    return users;
  }

  @Get('profiles/:username/following')
  @ApiOperation({ operationId: 'listFollowing', summary: 'Whom the profile follows, newest follow first' })
  @ApiOkResponse({ type: [BriefDto], headers: LIST_HEADERS })
  @ApiErrors(404, 422)
  async following(@CurrentUser() user: User, @UsernameParam() username: string, @Query() query: PageQueryDto, @Res({ passthrough: true }) res: Response): Promise<BriefDto[]> {
    const { users, headers } = await this.follows.list(user, username, 'following', query);
    sendHeaders(res, headers);
    return users;
  }

  @Get('profiles/:username/posts')
  @ApiOperation({ operationId: 'listProfilePosts', summary: "The profile's published posts, newest first (yours include your drafts)" })
  @ApiOkResponse({ type: [PostOutDto], headers: LIST_HEADERS })
  @ApiErrors(404, 422)
  async postsOf(@CurrentUser() user: User, @UsernameParam() username: string, @Query() query: PageQueryDto, @Res({ passthrough: true }) res: Response): Promise<PostOutDto[]> {
    const { posts, headers } = await this.posts.listByAuthor(user, username, query);
    sendHeaders(res, headers);
    return posts;
  }
}
