import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isStorableId } from '../database/database-errors';
import { RequestValidationError } from '../http/request-validation.error';
import { User } from '../users/user.entity';
import { FeedQueryDto } from './dto/feed-query.dto';
import { PostCreateDto, PostPatchDto } from './dto/post-input.dto';
import { PostDto, PostOutDto } from './dto/post-out.dto';
import { FeedCursors, feedHeaders } from './feed-paging';
import { postNotFound, refusedChange } from './post-access';
import { Post } from './post.entity';
import { OwnedWrite, PostsRepository, toPostDto } from './posts.repository';

export interface FeedAnswer {
  posts: PostOutDto[];
  headers: Record<string, string>;
}

@Injectable()
export class PostsService {
  private readonly cursors: FeedCursors;
  private readonly searchCountLimit: number;

  constructor(
    @InjectRepository(Post) private readonly posts: Repository<Post>,
    private readonly repository: PostsRepository,
    @InjectConfig() config: AppConfig,
  ) {
    this.cursors = new FeedCursors(config.secretKey);
    this.searchCountLimit = config.searchCountLimit;
  }

  async list(viewer: User, { limit, skip, search, cursor }: FeedQueryDto): Promise<FeedAnswer> {
    const after = cursor === undefined ? undefined : this.cursors.decode(cursor);
    if (cursor !== undefined && after === undefined) {
      throw RequestValidationError.single(['query', 'cursor'], 'Value error, invalid cursor', 'value_error');
    }
    const page = await this.repository.findFeedPage({ viewerId: viewer.id, limit, skip, search, after, countLimit: this.searchCountLimit });
    return { posts: page.posts, headers: feedHeaders(page, { limit, search }, this.cursors) };
  }

  async get(viewer: User, id: number): Promise<PostOutDto> {
    const post = isStorableId(id) ? await this.repository.findReadableById(id, viewer.id) : null;
    if (!post) throw postNotFound.onRead(id);
    return post;
  }

  async create(owner: User, dto: PostCreateDto): Promise<PostDto> {
    const post = await this.posts.save(this.posts.create({ ...dto, ownerId: owner.id }), { transaction: false });
    return PostDto.from(post, owner);
  }

  /** PUT and PATCH. */
  async update(editor: User, id: number, changes: PostCreateDto | PostPatchDto): Promise<PostDto> {
    const { written } = await this.owned(editor, id, () => this.repository.updateOwned(id, editor.id, changes));
    return toPostDto(written, editor);
  }

  /** Its votes go with it (ON DELETE CASCADE). */
  async remove(editor: User, id: number): Promise<void> {
    await this.owned(editor, id, () => this.repository.deleteOwned(id, editor.id));
  }

  private async owned(editor: User, id: number, write: () => Promise<OwnedWrite>): Promise<Required<OwnedWrite>> {
    const result = isStorableId(id) ? await write() : {};
    if (!result.written) throw refusedChange(result.target, editor.id, id);
    return result as Required<OwnedWrite>;
  }
}
