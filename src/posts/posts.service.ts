import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isStorableId } from '../database/database-errors';
import { User } from '../users/user.entity';
import { FeedQueryDto } from './dto/feed-query.dto';
import { PostCreateDto, PostPatchDto } from './dto/post-input.dto';
import { PostDto, PostOutDto } from './dto/post-out.dto';
import { Post } from './post.entity';
import { FeedPage, PostsRepository } from './posts.repository';

@Injectable()
export class PostsService {
  constructor(
    @InjectRepository(Post) private readonly posts: Repository<Post>,
    private readonly feed: PostsRepository,
  ) {}

  list(viewer: User, query: FeedQueryDto): Promise<FeedPage> {
    return this.feed.findFeedPage({ viewerId: viewer.id, ...query });
  }

  async get(viewer: User, id: number): Promise<PostOutDto> {
    const post = isStorableId(id) ? await this.feed.findVisibleById(id, viewer.id) : null;
    if (!post) throw new NotFoundException(`post with id: ${id} was not found`);
    return post;
  }

  async create(owner: User, dto: PostCreateDto): Promise<PostDto> {
    const post = await this.posts.save(this.posts.create({ ...dto, ownerId: owner.id }), { transaction: false });
    return PostDto.from(post, owner);
  }

  /** PUT and PATCH: only the owner may change a post; someone else's draft is not found. */
  async update(editor: User, id: number, changes: PostCreateDto | PostPatchDto): Promise<PostDto> {
    const post = await this.findOwned(editor, id);
    const fields = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    if (Object.keys(fields).length === 0) return PostDto.from(post, editor);
    // The owner condition again, so a post deleted or changed hands meanwhile is not touched.
    const { raw } = await this.posts
      .createQueryBuilder()
      .update()
      .set(fields)
      .where('id = :id AND owner_id = :ownerId', { id, ownerId: editor.id })
      .returning(['title', 'content', 'published'])
      .execute();
    const [updated] = raw as Pick<Post, 'title' | 'content' | 'published'>[];
    if (!updated) throw notFound(id);
    return PostDto.from({ ...post, ...updated }, editor);
  }

  /** Its votes go with it (ON DELETE CASCADE). */
  async remove(editor: User, id: number): Promise<void> {
    await this.findOwned(editor, id);
    const { affected } = await this.posts.delete({ id, ownerId: editor.id });
    if (!affected) throw notFound(id);
  }

  private async findOwned(editor: User, id: number): Promise<Post> {
    const post = isStorableId(id) ? await this.posts.findOneBy({ id }) : null;
    const isOwner = post?.ownerId === editor.id;
    if (!post || (!post.published && !isOwner)) throw notFound(id);
    if (!isOwner) throw new ForbiddenException('Not authorized to perform requested action');
    return post;
  }
}

function notFound(id: number): NotFoundException {
  return new NotFoundException(`post with id: ${id} does not exist`);
}
