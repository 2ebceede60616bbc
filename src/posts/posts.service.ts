import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { EventBus } from '../events/event-bus';
import { isStorableId } from '../database/database-errors';
import { PageQueryDto } from '../http/page-query.dto';
import { pageHeaders } from '../http/paging';
import { profileNotFound } from '../profiles/username-param';
import { viewerOf } from '../users/dto/user-out.dto';
import { User } from '../users/user.entity';
import { FeedQueryDto } from './dto/feed-query.dto';
import { PostCreateDto, PostPatchDto } from './dto/post-input.dto';
import { PostDto, PostOutDto } from './dto/post-out.dto';
import { FeedCursors, feedHeaders } from './feed-paging';
import { postNotFound, refusedChange } from './post-access';
import { toPost } from './post-projection';
import { OwnedWrite, PostsRepository } from './posts.repository';

/** A list of posts and the headers that go with it (counts, the next page). */
export interface PostsAnswer {
  posts: PostOutDto[];
  headers: Record<string, string>;
}

@Injectable()
export class PostsService {
  readonly cursors: FeedCursors;
  private readonly searchCountLimit: number;

  constructor(
    private readonly repository: PostsRepository,
    private readonly bus: EventBus,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.cursors = new FeedCursors(config.secretKey);
    this.searchCountLimit = config.searchCountLimit;
  }

  async list(viewer: User, { limit, skip, search, cursor }: FeedQueryDto): Promise<PostsAnswer> {
    const after = this.cursors.decodeQuery(cursor);
    const page = await this.repository.findFeedPage({ viewer: this.viewer(viewer), limit, skip, search, after, countLimit: this.searchCountLimit });
    return { posts: page.posts, headers: feedHeaders(page, { limit, search }, this.cursors) };
  }

  /** GET /profiles/{username}/posts. */
  async listByAuthor(viewer: User, username: string, { limit, cursor }: PageQueryDto): Promise<PostsAnswer> {
    const after = this.cursors.decodeQuery(cursor);
    const page = await this.repository.findAuthorPage(this.viewer(viewer), username, limit, after);
    if (!page) throw profileNotFound();
    const nextCursor = page.nextAfter === undefined ? undefined : this.cursors.encode(page.nextAfter);
    return { posts: page.posts, headers: pageHeaders(`/profiles/${username}/posts`, { limit }, { total: page.total, nextCursor }) };
  }

  async get(viewer: User, id: number): Promise<PostOutDto> {
    const post = isStorableId(id) ? await this.repository.findReadableById(id, this.viewer(viewer)) : null;
    if (!post) throw postNotFound.onRead(id);
    return post;
  }

  async create(owner: User, dto: PostCreateDto): Promise<PostDto> {
    const post = await this.repository.insert(owner.id, dto);
    if (post.published) await this.bus.publish({ type: 'post', id: post.id, author: owner.id });
    return toPost(post, owner, this.viewer(owner));
  }

  /** PUT and PATCH. */
  async update(editor: User, id: number, changes: PostCreateDto | PostPatchDto): Promise<PostDto> {
    const { written, target } = await this.owned(editor, id, () => this.repository.updateOwned(id, editor.id, changes));
    // A draft published now enters timelines as a new post would; a draft edited is nobody else's business.
    if (target.published || written.published) await this.bus.publish({ type: target.published ? 'post.updated' : 'post', id, author: editor.id });
    return toPost(written, editor, this.viewer(editor));
  }

  /** Its votes go with it (ON DELETE CASCADE). */
  async remove(editor: User, id: number): Promise<void> {
    const { target } = await this.owned(editor, id, () => this.repository.deleteOwned(id, editor.id));
    if (target.published) await this.bus.publish({ type: 'post.deleted', id, author: editor.id });
  }

  private viewer(user: User) {
    return { ...viewerOf(user, this.config), id: user.id };
  }

  private async owned(editor: User, id: number, write: () => Promise<OwnedWrite>): Promise<Required<OwnedWrite>> {
    const result = isStorableId(id) ? await write() : {};
    if (!result.written) throw refusedChange(result.target, editor.id, id);
    return result as Required<OwnedWrite>;
  }
}
