import { isoDateTime } from '../http/iso-datetime';
import { UserOut, Viewer } from '../users/dto/user-out.dto';
import type { CommentDto } from './dto/comment.dto';

/** What a comment looks like to a client, in one place: its SQL, its row, its mapping. */

export interface CommentRow {
  id: number;
  post_id: number;
  content: string;
  created_at: Date;
  edited_at: Date | null;
  reply_to: number | null;
  replies: number;
  owner_id: number;
  owner_email: string;
  owner_username: string;
  owner_created_at: Date;
}

/** Comments of `page` (a relation with an `id` column, defined by the statement that uses this). */
export const COMMENT_SQL = `
  SELECT c.id, c.post_id, c.content, c.created_at, c.edited_at, c.reply_to, c.replies_count AS replies,
         u.id AS owner_id, u.email AS owner_email, u.username AS owner_username, u.created_at AS owner_created_at
  FROM page
  JOIN comments c ON c.id = page.id
  JOIN users u ON u.id = c.owner_id`;

export function toComment(row: CommentRow, viewer: Viewer): CommentDto {
  return {
    id: row.id,
    post_id: row.post_id,
    content: row.content,
    created_at: isoDateTime(row.created_at),
    edited_at: row.edited_at && isoDateTime(row.edited_at),
    owner: UserOut.from({ id: row.owner_id, email: row.owner_email, username: row.owner_username, createdAt: row.owner_created_at }, viewer),
    reply_to: row.reply_to,
    replies: row.replies,
  };
}
