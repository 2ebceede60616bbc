import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { EventBus } from '../events/event-bus';
import { ReadRouting } from '../database/read-routing';
import { isoDateTime } from '../http/iso-datetime';
import { PageQueryDto } from '../http/page-query.dto';
import { pageHeaders, SignedCursors } from '../http/paging';
import { commentReadableBy, readableBy, visibleTo } from '../posts/post-access';
import { briefColumns, BriefRow, toBrief } from '../profiles/brief';
import type { User } from '../users/user.entity';
import { NotificationDto, NotificationsReadDto, UnreadCountDto } from './dto/notification.dto';
import type { NotificationKind } from './notification.entity';

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  created_at: Date;
  read: boolean;
  actor_id: number;
  actor_username: string;
  actor_display_name: string;
  actor_followed: boolean;
  post_id: number | null;
  post_title: string | null;
  comment_id: number | null;
  comment_content: string | null;
}

/**
 * The notifications of the reader $1, $2 of them: newest first after $3 (older than it) if
 * given; or, for a stream catching up, oldest first after $3 (newer than it) and of the
 * last 24 hours. Either is a range of notifications_user_id_idx. The post and the comment
 * are shown while the reader may read them (null once not); a notification whose actor is
 * across a block is not shown.
 */
function pageQuery(after: 'none' | 'older' | 'newer'): string {
  const range = { none: '', older: ' AND n.id < $3', newer: " AND n.id > $3 AND n.created_at > now() - interval '24 hours'" }[after];
  const order = after === 'newer' ? 'ASC' : 'DESC';
  return `WITH page AS (SELECT n.id FROM notifications n WHERE n.user_id = $1${range}
                        AND ${visibleTo('$1', 'n.actor_id')} ORDER BY n.id ${order} LIMIT $2)
          SELECT n.id::text, n.kind, n.created_at, n.read, ${briefColumns('a', 'actor_')},
                 p.id AS post_id, p.title AS post_title, c.id AS comment_id, c.content AS comment_content
          FROM page JOIN notifications n ON n.id = page.id JOIN users a ON a.id = n.actor_id
          LEFT JOIN posts p ON p.id = n.post_id AND ${readableBy('$1')}
          LEFT JOIN comments c ON c.id = n.comment_id AND c.post_id = p.id AND ${commentReadableBy('$1')}
          ORDER BY n.id ${order}`;
}

/** Notifications are made by the database (triggers on votes, follows, comments); the app reads and marks them. */
@Injectable()
export class NotificationsService {
  private readonly cursors: SignedCursors;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reads: ReadRouting,
    private readonly bus: EventBus,
    @InjectConfig() config: AppConfig,
  ) {
    this.cursors = new SignedCursors(config.secretKey, 'social-api notifications cursor v1', [8]);
  }

  async list(reader: User, { limit, cursor }: PageQueryDto): Promise<{ notifications: NotificationDto[]; headers: Record<string, string> }> {
    const after = this.cursors.decodeQuery(cursor)?.[0];
    const params: unknown[] = [reader.id, limit + 1];
    if (after !== undefined) params.push(String(after));
    const rows = await this.reads.reader(reader.id).query<NotificationRow[]>(pageQuery(after === undefined ? 'none' : 'older'), params);
    const nextCursor = rows.length > limit ? this.cursors.encode([BigInt(rows[limit - 1].id)]) : undefined;
    return { notifications: rows.slice(0, limit).map(toNotification), headers: pageHeaders('/notifications', { limit }, { nextCursor }) };
  }

  /** For an event stream: the reader's notifications after `after`, oldest first, of the last 24 hours; on the primary, which made them. */
  async newer(readerId: number, after: number, limit: number): Promise<NotificationDto[]> {
    const rows = await this.reads.onPrimary.query<NotificationRow[]>(pageQuery('newer'), [readerId, limit, String(after)]);
    return rows.map(toNotification);
  }

  /** A counter kept by the database: one primary-key read. Not routed to a replica, so that marking read shows at once. */
  async unread(reader: Pick<User, 'id'>): Promise<UnreadCountDto> {
    const [row] = await this.reads.onPrimary.query<{ count: number }[]>('SELECT unread_notifications AS count FROM users WHERE id = $1', [reader.id]);
    return { count: row?.count ?? 0 };
  }

  /** Marks the reader's unread notifications read: all, or up to `up_to` (included). Their streams get the new count. */
  async markRead(reader: User, { up_to: upTo }: NotificationsReadDto): Promise<void> {
    await this.db.query(`UPDATE notifications SET read = true WHERE user_id = $1 AND NOT read${upTo === undefined ? '' : ' AND id <= $2'}`, upTo === undefined ? [reader.id] : [reader.id, upTo]);
    await this.bus.publish({ type: 'notifications', user: reader.id });
  }
}

function toNotification(row: NotificationRow): NotificationDto {
  const actor: BriefRow = { id: row.actor_id, username: row.actor_username, display_name: row.actor_display_name, followed: row.actor_followed };
  return {
    id: Number(row.id),
    kind: row.kind,
    actor: toBrief(actor),
    post: row.post_id === null ? null : { id: row.post_id, title: row.post_title! },
    comment: row.comment_id === null ? null : { id: row.comment_id, content: row.comment_content! },
    created_at: isoDateTime(row.created_at),
    read: row.read,
  };
}
