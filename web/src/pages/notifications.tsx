import type { Notification } from '../api';
import { FormError } from '../forms';
import { useMarkRead, useNotifications } from '../queries';
import { Link } from '../router';
import { RelativeTime } from '../text';
import { MoreButton, PersonLink } from './people';

/** What happened, in words: "@ada voted on your post “Title”". */
function What({ notification }: { notification: Notification }) {
  const { kind, post, comment } = notification;
  const postLink = post ? <Link to={`/posts/${post.id}`}>“{post.title}”</Link> : 'a post you can no longer see';
  const quote = comment && <q className="quote">{comment.content}</q>;
  switch (kind) {
    case 'vote':
      return <>voted on your post {postLink}.</>;
    case 'comment':
      return (
        <>
          commented on your post {postLink}: {quote ?? 'the comment is gone.'}
        </>
      );
    case 'reply':
      return (
        <>
          replied to your comment on {postLink}: {quote ?? 'the reply is gone.'}
        </>
      );
    case 'follow':
      return <>followed you.</>;
  }
}

/** Your notifications, newest first; the unread ones marked until you mark them read. */
export function NotificationsPage() {
  const list = useNotifications();
  const markRead = useMarkRead();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const unread = items.filter((n) => !n.read);
  // Up to the newest one shown: one that arrives meanwhile stays unread.
  const newest = items.reduce((max, n) => Math.max(max, n.id), 0);
  return (
    <main>
      <div className="feed-head">
        <h1>Notifications</h1>
        {unread.length > 0 && (
          <button type="button" disabled={markRead.isPending} onClick={() => markRead.mutate(newest)}>
            Mark all as read
          </button>
        )}
      </div>
      {markRead.error && <FormError message={markRead.error.message} />}
      {list.isPending && (
        <p className="loading" role="status">
          Loading…
        </p>
      )}
      {items.length > 0 && (
        <ol className="notifications" aria-label="Notifications">
          {items.map((n) => (
            <li key={n.id} className={n.read ? undefined : 'unread'}>
              {!n.read && <span className="badge">New</span>}{' '}
              <PersonLink username={n.actor.username} displayName={n.actor.display_name} /> <What notification={n} />{' '}
              <span className="meta">
                <RelativeTime iso={n.created_at} />
              </span>
            </li>
          ))}
        </ol>
      )}
      {list.isSuccess && items.length === 0 && <p>No notifications yet. Votes, comments, replies and new followers show up here.</p>}
      {list.error && <FormError message={list.error.message} />}
      <MoreButton list={list} what="notifications" />
    </main>
  );
}
