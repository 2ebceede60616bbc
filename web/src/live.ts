import type { LiveStream } from '@social-api/client';
import { useEffect } from 'react';
import { client, sessionEnded } from './api';
import { live } from './queries';

/**
 * Live updates: one `GET /stream` per logged-in tab (client.stream(), which reconnects
 * quietly with Last-Event-ID and refreshes the token), its events written into the
 * TanStack Query cache (queries.ts `live`). The posts on screen are watched, for their
 * votes, comments and edits.
 */
let current: LiveStream | undefined;

/** Post id → how many cards on screen show it. */
const onScreen = new Map<number, number>();
/** The API's limit on `?watch=`. */
const WATCH_MAX = 200;
let watchTimer: ReturnType<typeof setTimeout> | undefined;
let watching = '';

const watchList = () => [...onScreen.keys()].sort((a, b) => b - a).slice(0, WATCH_MAX);

/** Cards come and go together (a page of the feed): one reconnect for them all, a moment later. */
function watchChanged(): void {
  clearTimeout(watchTimer);
  watchTimer = setTimeout(() => {
    const ids = watchList();
    if (!current || ids.join() === watching) return;
    watching = ids.join();
    current.watch(ids);
  }, 300);
}

/** Watch post `id` while the calling component is on screen. */
export function useWatchPost(id: number): void {
  useEffect(() => {
    onScreen.set(id, (onScreen.get(id) ?? 0) + 1);
    watchChanged();
    return () => {
      const left = (onScreen.get(id) ?? 1) - 1;
      if (left > 0) onScreen.set(id, left);
      else onScreen.delete(id);
      watchChanged();
    };
  }, [id]);
}

/**
 * Actions of this tab that end its own session (log out, this device, everywhere, delete the
 * account): their `session.ended` is expected, and the action says what happened in its own
 * words. It may come just before or after the answer: it is ignored until a second after.
 */
let ending = 0;
export async function endingSession<T>(action: () => Promise<T>): Promise<T> {
  ending++;
  try {
    return await action();
  } finally {
    setTimeout(() => ending--, 1000);
  }
}

/** The stream of user `userId` while it is logged in (undefined: nobody is). */
export function useLiveUpdates(userId: number | undefined): void {
  useEffect(() => {
    if (userId === undefined) return;
    const ids = watchList();
    watching = ids.join();
    const stream = client.stream({
      watch: ids,
      on: {
        timeline: (post) => live.timeline(post),
        'post.updated': (post) => live.postUpdated(post),
        'post.deleted': ({ id }) => live.postDeleted(id),
        votes: ({ post_id, votes }) => live.votes(post_id, votes),
        comment: (comment) => live.comment(comment),
        notification: (notification) => live.notification(notification),
        unread: ({ count }) => live.unread(count),
        'session.ended': () => {
          // This tab's own log-out (or deletion) says its own words; one already forgotten needs nothing.
          if (ending > 0 || (!client.tokens.accessToken() && !client.tokens.refreshToken())) return;
          sessionEnded();
        },
      },
      onOpen: ({ resumed }) => resumed && live.resumed(),
    });
    current = stream;
    return () => {
      stream.close();
      if (current === stream) current = undefined;
    };
  }, [userId]);
}
