import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isStorableId } from '../database/database-errors';
import { User } from '../users/user.entity';
import { FeedQueryDto } from './dto/feed-query.dto';
import { PostCreateDto, PostPatchDto } from './dto/post-input.dto';
import { PostDto, PostOutDto } from './dto/post-out.dto';
import { postNotFound, refusedChange } from './post-access';
import { Post } from './post.entity';
import { FeedPage, OwnedWrite, PostsRepository, toPostDto } from './posts.repository';

@Injectable()
export class PostsService {
  constructor(
    @InjectRepository(Post) private readonly posts: Repository<Post>,
    private readonly repository: PostsRepository,
  ) {}

  list(viewer: User, query: FeedQueryDto): Promise<FeedPage> {
    return this.repository.findFeedPage({ viewerId: viewer.id, ...query });
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
