import type { UserFields, Viewer } from '../users/dto/user-out.dto';
import { UserOut } from '../users/dto/user-out.dto';
import { isoDateTime } from '../http/iso-datetime';
import type { PostDto, PostOutDto } from './dto/post-out.dto';

/**
 * What a post looks like to a client, in one place: the SQL that reads a PostOut, the
 * row it returns and its mapping to the DTOs. A new PostOut field is a column here and
 * a property of PostOutDto.
 */

/** A post's own columns, as `SELECT p.*` or `RETURNING p.*` give them. */
export interface PostRow {
  id: number;
  title: string;
  content: string;
  published: boolean;
  created_at: Date;
  owner_id: number;
}

/** A PostOut's row: the post, its owner, and what the viewer sees of its counts. */
export interface PostOutRow extends PostRow {
  owner_email: string;
  owner_username: string;
  owner_created_at: Date;
  votes: number;
  voted: boolean;
  comments: number;
}

/**
 * PostOuts for the viewer $1, of the posts of `page` (a relation with an `id` column,
 * defined by the statement that uses this). Counts are columns kept by triggers; whether
 * the viewer voted is one probe of the votes primary key.
 */
export const POST_OUT_SQL = `
  SELECT p.id, p.title, p.content, p.published, p.created_at, p.owner_id,
         u.email AS owner_email, u.username AS owner_username, u.created_at AS owner_created_at,
         p.votes_count AS votes,
         EXISTS (SELECT 1 FROM votes v WHERE v.user_id = $1 AND v.post_id = p.id) AS voted,
         p.comments_count AS comments
  FROM page
  JOIN posts p ON p.id = page.id
  JOIN users u ON u.id = p.owner_id`;

export function toPost(row: PostRow, owner: UserFields, viewer: Viewer): PostDto {
  return {
    id: row.id,
    title: row.title,
    content: row.content,
    published: row.published,
    created_at: isoDateTime(row.created_at),
    owner_id: row.owner_id,
    owner: UserOut.from(owner, viewer),
  };
}

export function toPostOut(row: PostOutRow, viewer: Viewer): PostOutDto {
  const owner = { id: row.owner_id, email: row.owner_email, username: row.owner_username, createdAt: row.owner_created_at };
  return { Post: toPost(row, owner, viewer), votes: row.votes, voted: row.voted, comments: row.comments };
}
