import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PostDto, PostOutDto } from './dto/post-out.dto';

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

/** Drafts are visible to their owner only. $1 is the viewer. */
const VISIBLE = '(p.published OR p.owner_id = $1)';

/** Owner and vote count for the posts of `page` (a relation of post ids), newest first. */
const WITH_OWNER_AND_VOTES = `
  SELECT p.id, p.title, p.content, p.published, p.created_at, p.owner_id,
         u.email AS owner_email, u.created_at AS owner_created_at,
         (SELECT count(*)::int FROM votes v WHERE v.post_id = p.id) AS votes
  FROM page
  JOIN posts p ON p.id = page.id
  JOIN users u ON u.id = p.owner_id
  ORDER BY p.id DESC`;

/**
 * Posts as readers see them: with owner and vote count, drafts only to their owner.
 * The page is chosen from post ids alone (the primary key, newest first); only then
 * are its rows joined to their owners and their votes counted, on the votes(post_id)
 * index. Skipped rows cost an index entry each, not a join and a count.
 */
@Injectable()
export class PostsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findFeedPage({ viewerId, search, limit, skip }: FeedFilter): Promise<FeedPage> {
    const matching = search === '' ? VISIBLE : `${VISIBLE} AND p.title ILIKE $2`;
    const params: unknown[] = search === '' ? [viewerId] : [viewerId, `%${escapeLike(search)}%`];
    const n = params.length;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query<PostRow[]>(
        `WITH page AS (SELECT p.id FROM posts p WHERE ${matching} ORDER BY p.id DESC LIMIT $${n + 1} OFFSET $${n + 2})
         ${WITH_OWNER_AND_VOTES}`,
        [...params, limit, skip],
      ),
      this.db.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM posts p WHERE ${matching}`, params),
    ]);
    return { posts: rows.map(toPostOut), total };
  }

  async findVisibleById(id: number, viewerId: number): Promise<PostOutDto | null> {
    const [row] = await this.db.query<PostRow[]>(
      `WITH page AS (SELECT p.id FROM posts p WHERE p.id = $2 AND ${VISIBLE}) ${WITH_OWNER_AND_VOTES}`,
      [viewerId, id],
    );
    return row ? toPostOut(row) : null;
  }

  async isVisibleTo(id: number, viewerId: number): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM posts p WHERE p.id = $2 AND ${VISIBLE}`, [viewerId, id]);
    return rows.length > 0;
  }
}

/** `%` and `_` in a search term match themselves. */
function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, '\\$&');
}

function toPostOut(row: PostRow): PostOutDto {
  const post = { id: row.id, title: row.title, content: row.content, published: row.published, createdAt: row.created_at, ownerId: row.owner_id };
  const owner = { id: row.owner_id, email: row.owner_email, createdAt: row.owner_created_at };
  return { Post: PostDto.from(post, owner), votes: row.votes };
}
