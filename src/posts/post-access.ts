import { ForbiddenException, NotFoundException } from '@nestjs/common';

/**
 * Who may see whom and what, and who may change a post: the one home of those rules.
 *
 * - Across a block (either one blocked the other) two users do not see each other: not
 *   their posts, comments, or places in lists (followers, voters), and they cannot act
 *   on each other's posts (a vote, a comment), which therefore do not exist for them (404).
 *   Who is across a block from whom is the database's blocked_ids().
 * - A published post is read by every logged-in user not across a block from its owner;
 *   a draft only by its owner.
 * - Only the owner changes or deletes a post. For anyone else a draft does not
 *   exist (404: a 403 would reveal it), and a published post is a 403.
 *
 * Queries embed the SQL conditions below, so that an access check rides in the
 * statement that reads or writes the post, never in one of its own.
 */

/**
 * SQL: the user whose id is the SQL expression `user` is visible to `viewer`. The viewer's
 * blocks are read once per statement (a hashed subplan), so a page pays a hash probe per row.
 */
export function visibleTo(viewer: string, user: string): string {
  return `${user} NOT IN (${acrossBlocks(viewer)})`;
}

/** SQL: the ids of the users across a block from `viewer` (the database's blocked_ids(), in FROM so that it is inlined). */
export function acrossBlocks(viewer: string): string {
  return `SELECT blocked FROM blocked_ids(${viewer}) blocked`;
}

/** SQL: the post aliased `post` can be read by the user whose id is the SQL expression `viewer` (e.g. `$1`). */
export function readableBy(viewer: string, post = 'p'): string {
  return `((${post}.published OR ${post}.owner_id = ${viewer}) AND ${visibleTo(viewer, `${post}.owner_id`)})`;
}

/** SQL: the comment aliased `comment`, on the post aliased `post`, can be read by `viewer`: the post can, and its owner is visible. */
export function commentReadableBy(viewer: string, comment = 'c', post = 'p'): string {
  return `(${readableBy(viewer, post)} AND ${visibleTo(viewer, `${comment}.owner_id`)})`;
}

/** SQL: the post aliased `post` can be changed by the user whose id is the SQL expression `editor`. */
export function changeableBy(editor: string, post = 'p'): string {
  return `${post}.owner_id = ${editor}`;
}

/** What a write reads of its target post, in the same statement, to tell 403 from 404. */
export interface WriteTarget {
  owner_id: number;
  published: boolean;
}

/**
 * The answer to an editor whose write on the post did not happen: the post is
 * missing or invisible to them (404), or someone else's (403).
 */
export function refusedChange(target: WriteTarget | undefined, editorId: number, postId: number): NotFoundException | ForbiddenException {
  if (!target || target.owner_id === editorId || !target.published) return postNotFound.onWrite(postId);
  return new ForbiddenException('Not authorized to perform requested action');
}

/** The course's wordings, which differ by route. */
export const postNotFound = {
  onRead: (id: number) => new NotFoundException(`post with id: ${id} was not found`),
  onWrite: (id: number) => new NotFoundException(`post with id: ${id} does not exist`),
  onVote: (id: number) => new NotFoundException(`Post with id: ${id} does not exist`),
};
