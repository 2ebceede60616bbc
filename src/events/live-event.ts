/**
 * What instances tell each other through the event channel (src/events/event-bus.ts):
 * which rows changed, never their contents, so that a message stays far under
 * PostgreSQL's NOTIFY limit (8,000 bytes) and each instance reads what its own
 * streams need, as their users may see it.
 */
export type LiveEvent =
  /** A published post was written, or a draft published: it enters its author's followers' timelines. */
  | { type: 'post'; id: number; author: number }
  /** A post was edited (or unpublished: its readers other than the author see it go). */
  | { type: 'post.updated'; id: number; author: number }
  | { type: 'post.deleted'; id: number; author: number }
  /** A post's vote count changed. */
  | { type: 'votes'; post: number }
  | { type: 'comment'; id: number; post: number }
  /** The user's notifications changed: one was made, taken back, or read. */
  | { type: 'notifications'; user: number }
  /** A follow began or ended (a block ends them too). */
  | { type: 'follows'; follower: number; followee: number; following: boolean }
  /** Sessions of a user ended; `courseTokens`: the user's tokens without a session were cut off too. */
  | { type: 'sessions'; user: number; ended: number[]; courseTokens: boolean }
  /** The account changed (username) or was deleted (every session with it). */
  | { type: 'user'; id: number; deleted: boolean };
