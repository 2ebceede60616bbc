import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { EventBus } from '../events/event-bus';
import { isStorableId, PG_FOREIGN_KEY_VIOLATION, sqlState } from '../database/database-errors';
import { ReadRouting } from '../database/read-routing';
import { pageHeaders, SignedCursors } from '../http/paging';
import { RequestValidationError } from '../http/request-validation.error';
import { commentReadableBy, postNotFound, readableBy } from '../posts/post-access';
import { viewerOf } from '../users/dto/user-out.dto';
import type { User } from '../users/user.entity';
import { COMMENT_SQL, CommentRow, toComment } from './comment-projection';
import { CommentCreateDto, CommentDto, CommentPatchDto, CommentsQueryDto } from './dto/comment.dto';

export const commentNotFound = (id: number) => new NotFoundException(`comment with id: ${id} was not found`);

const notAComment = (where: 'body' | 'query') =>
  RequestValidationError.single([where, 'reply_to'], 'Value error, reply_to must be a comment of the same post', 'value_error');

/** The comment $2 if the viewer $1 may read it, with its post's owner. */
const READABLE_COMMENT = `SELECT c.id, c.owner_id, p.owner_id AS post_owner_id FROM comments c JOIN posts p ON p.id = c.post_id
                          WHERE c.id = $2 AND ${commentReadableBy('$1')}`;

export interface CommentsAnswer {
  comments: CommentDto[];
  headers: Record<string, string>;
}

/**
 * Comments with one level of replies. Every statement carries its access check: a
 * comment exists for a viewer only if its post does (post-access.ts) and its owner is
 * not across a block from them.
 */
@Injectable()
export class CommentsService {
  private readonly cursors: SignedCursors;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reads: ReadRouting,
    private readonly bus: EventBus,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.cursors = new SignedCursors(config.secretKey, 'social-api comments cursor v1', [4]);
  }

  /**
   * One statement: the post must be readable, `reply_to` a readable comment of it (a
   * reply to a reply joins its thread, so replies stay one level deep).
   */
  async create(author: User, postId: number, { content, reply_to: replyTo }: CommentCreateDto): Promise<CommentDto> {
    if (!isStorableId(postId)) throw postNotFound.onRead(postId);
    if (replyTo !== undefined && !isStorableId(replyTo)) throw notAComment('body');
    type Row = { readable: boolean; answered: boolean } & (CommentRow | { [K in keyof CommentRow]: null });
    let row: Row;
    try {
      [row] = await this.db.query<Row[]>(
        `WITH post AS (SELECT p.id FROM posts p WHERE p.id = $2 AND ${readableBy('$1')}),
              thread AS (SELECT coalesce(c.reply_to, c.id) AS id FROM comments c JOIN posts p ON p.id = c.post_id
                         WHERE c.id = $4 AND c.post_id = $2 AND ${commentReadableBy('$1')}),
              page AS (INSERT INTO comments (post_id, owner_id, content, reply_to)
                       SELECT post.id, $1, $3, (SELECT id FROM thread) FROM post WHERE $4::int IS NULL OR EXISTS (SELECT 1 FROM thread)
                       RETURNING *)
         SELECT EXISTS (SELECT 1 FROM post) AS readable, $4::int IS NULL OR EXISTS (SELECT 1 FROM thread) AS answered, c.*, 0 AS replies,
                u.email AS owner_email, u.username AS owner_username, u.created_at AS owner_created_at
         FROM (SELECT 1) one LEFT JOIN page c ON true LEFT JOIN users u ON u.id = c.owner_id`,
        [author.id, postId, content, replyTo ?? null],
      );
    } catch (err) {
      // The post or the comment replied to was deleted between the statement's snapshot and its insert.
      if (sqlState(err) === PG_FOREIGN_KEY_VIOLATION) throw postNotFound.onRead(postId);
      throw err;
    }
    if (!row.readable) throw postNotFound.onRead(postId);
    if (!row.answered || row.id === null) throw notAComment('body');
    await this.bus.publish({ type: 'comment', id: row.id, post: postId });
    return toComment(row as CommentRow, viewerOf(author, this.config));
  }

  /** A post's top-level comments, or (reply_to) a comment's replies, oldest first. */
  async list(viewer: User, postId: number, { limit, cursor, reply_to: replyTo }: CommentsQueryDto): Promise<CommentsAnswer> {
    const after = this.cursors.decodeQuery(cursor)?.[0];
    if (!isStorableId(postId)) throw postNotFound.onRead(postId);
    const params: unknown[] = [viewer.id, postId, limit + 1];
    const older = after === undefined ? '' : ` AND c.id > $${params.push(after)}`;
    const thread = replyTo === undefined ? 'c.reply_to IS NULL' : `c.reply_to = (SELECT id FROM parent)`;
    if (replyTo !== undefined) params.push(replyTo);
    type Row = { readable: boolean; parent_found: boolean } & (CommentRow | { [K in keyof CommentRow]: null });
    const rows = await this.reads.reader(viewer.id).query<Row[]>(
      `WITH post AS (SELECT p.id FROM posts p WHERE p.id = $2 AND ${readableBy('$1')}),
            parent AS (SELECT c.id FROM comments c JOIN posts p ON p.id = c.post_id
                       WHERE ${replyTo === undefined ? 'false' : `c.id = $${params.length}`} AND c.post_id = $2 AND ${commentReadableBy('$1')}),
            page AS (SELECT c.id FROM comments c JOIN posts p ON p.id = c.post_id
                     WHERE c.post_id = (SELECT id FROM post) AND ${thread}${older} AND ${commentReadableBy('$1')}
                     ORDER BY c.id LIMIT $3)
       SELECT EXISTS (SELECT 1 FROM post) AS readable, EXISTS (SELECT 1 FROM parent) AS parent_found, rows.*
       FROM (SELECT 1) one LEFT JOIN (${COMMENT_SQL}) rows ON true ORDER BY rows.id`,
      params,
    );
    if (!rows[0].readable) throw postNotFound.onRead(postId);
    if (replyTo !== undefined && !rows[0].parent_found) throw notAComment('query');
    const found = rows.filter((row): row is Row & CommentRow => row.id !== null);
    const comments = found.slice(0, limit).map((row) => toComment(row, viewerOf(viewer, this.config)));
    const nextCursor = found.length > limit ? this.cursors.encode([found[limit - 1].id]) : undefined;
    return { comments, headers: pageHeaders(`/posts/${postId}/comments`, { limit, reply_to: replyTo }, { nextCursor }) };
  }

  async get(viewer: User, id: number): Promise<CommentDto> {
    const [row] = isStorableId(id)
      ? await this.reads
          .reader(viewer.id)
          .query<CommentRow[]>(`WITH page AS (SELECT c.id FROM comments c JOIN posts p ON p.id = c.post_id WHERE c.id = $2 AND ${commentReadableBy('$1')}) ${COMMENT_SQL}`, [
            viewer.id,
            id,
          ])
      : [];
    if (!row) throw commentNotFound(id);
    return toComment(row, viewerOf(viewer, this.config));
  }

  /** By its owner only; sets edited_at. The answer is what the UPDATE returns (a statement does not see its own CTE's writes). */
  async update(editor: User, id: number, { content }: CommentPatchDto): Promise<CommentDto> {
    type Written = Omit<CommentRow, 'owner_email' | 'owner_username' | 'owner_created_at'>;
    type Row = { target_owner_id: number } & (Written | { [K in keyof Written]: null });
    const [row] = isStorableId(id)
      ? await this.db.query<Row[]>(
          `WITH target AS (${READABLE_COMMENT}),
                written AS (UPDATE comments c SET content = $3, edited_at = now() FROM target WHERE c.id = target.id AND c.owner_id = $1
                            RETURNING c.id, c.post_id, c.content, c.created_at, c.edited_at, c.reply_to, c.replies_count AS replies, c.owner_id)
           SELECT target.owner_id AS target_owner_id, written.* FROM target LEFT JOIN written ON true`,
          [editor.id, id, content],
        )
      : [];
    if (!row) throw commentNotFound(id);
    if (row.id === null) throw new ForbiddenException('Not authorized to perform requested action');
    const owner = { owner_email: editor.email, owner_username: editor.username, owner_created_at: editor.createdAt };
    return toComment({ ...(row as Written), ...owner }, viewerOf(editor, this.config));
  }

  /** By its owner or the post's owner; its replies go with it (ON DELETE CASCADE). */
  async remove(editor: User, id: number): Promise<void> {
    const [row] = isStorableId(id)
      ? await this.db.query<{ deleted: boolean }[]>(
          `WITH target AS (${READABLE_COMMENT}),
                deleted AS (DELETE FROM comments c USING target WHERE c.id = target.id AND $1 IN (target.owner_id, target.post_owner_id) RETURNING 1)
           SELECT EXISTS (SELECT 1 FROM deleted) AS deleted FROM target`,
          [editor.id, id],
        )
      : [];
    if (!row) throw commentNotFound(id);
    if (!row.deleted) throw new ForbiddenException('Not authorized to perform requested action');
  }
}
