import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, SelectQueryBuilder } from 'typeorm';
import { isoDateTime } from '../http/iso-datetime';
import { Vote } from '../votes/vote.entity';
import { PostOutDto } from './dto/post-out.dto';
import { Post } from './post.entity';

export interface FeedPage {
  posts: PostOutDto[];
  total: number;
}

export interface FeedFilter {
  viewerId: number;
  search: string;
  limit: number;
  skip: number;
}

interface PostRow {
  id: number;
  title: string;
  content: string;
  published: boolean;
  created_at: Date;
  owner_id: number;
  owner_email: string;
  owner_created_at: Date;
  votes: number;
}

/**
 * Posts as readers see them: with owner and vote count, drafts only to their
 * owner. Votes are counted only for the rows returned (a correlated count on the
 * votes(post_id) index), never for the whole table.
 */
@Injectable()
export class PostsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findFeedPage({ viewerId, search, limit, skip }: FeedFilter): Promise<FeedPage> {
    const matching = () => {
      const qb = this.visibleTo(viewerId);
      if (search !== '') qb.andWhere('p.title ILIKE :pattern', { pattern: `%${escapeLike(search)}%` });
      return qb;
    };
    const rows = await this.withOwnerAndVotes(matching()).orderBy('p.id', 'DESC').limit(limit).offset(skip).getRawMany<PostRow>();
    const total = await matching().getCount();
    return { posts: rows.map(toPostOut), total };
  }

  async findVisibleById(id: number, viewerId: number): Promise<PostOutDto | null> {
    const row = await this.withOwnerAndVotes(this.visibleTo(viewerId).andWhere('p.id = :id', { id })).getRawOne<PostRow>();
    return row ? toPostOut(row) : null;
  }

  async isVisibleTo(id: number, viewerId: number): Promise<boolean> {
    return this.visibleTo(viewerId).andWhere('p.id = :id', { id }).getExists();
  }

  private visibleTo(viewerId: number): SelectQueryBuilder<Post> {
    return this.dataSource
      .createQueryBuilder(Post, 'p')
      .where(new Brackets((w) => w.where('p.published').orWhere('p.owner_id = :viewerId', { viewerId })));
  }

  private withOwnerAndVotes(qb: SelectQueryBuilder<Post>): SelectQueryBuilder<Post> {
    return qb
      .innerJoin('p.owner', 'u')
      .select([
        'p.id AS id',
        'p.title AS title',
        'p.content AS content',
        'p.published AS published',
        'p.created_at AS created_at',
        'p.owner_id AS owner_id',
        'u.email AS owner_email',
        'u.created_at AS owner_created_at',
      ])
      .addSelect((count) => count.select('COUNT(*)::int').from(Vote, 'v').where('v.post_id = p.id'), 'votes');
  }
}

/** `%` and `_` in a search term match themselves. */
function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, '\\$&');
}

function toPostOut(row: PostRow): PostOutDto {
  return {
    Post: {
      id: row.id,
      title: row.title,
      content: row.content,
      published: row.published,
      created_at: isoDateTime(row.created_at),
      owner_id: row.owner_id,
      owner: { id: row.owner_id, email: row.owner_email, created_at: isoDateTime(row.owner_created_at) },
    },
    votes: row.votes,
  };
}
