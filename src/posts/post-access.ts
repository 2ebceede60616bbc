import { ForbiddenException, NotFoundException } from '@nestjs/common';

/**
 * Who may read and who may change a post: the one home of that rule.
 *
 * - A published post is read by every logged-in user; a draft only by its owner.
 * - Only the owner changes or deletes a post. For anyone else a draft does not
 *   exist (404: a 403 would reveal it), and a published post is a 403.
 *
 * Queries embed the SQL conditions below, so that an access check rides in the
 * statement that reads or writes the post, never in one of its own.
 */

/** SQL: the post aliased `post` can be read by the user whose id is the SQL expression `viewer` (e.g. `$1`). */
export function readableBy(viewer: string, post = 'p'): string {
  return `(${post}.published OR ${post}.owner_id = ${viewer})`;
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
