import { CreateUsersPostsVotes1764000000000 } from './1764000000000-CreateUsersPostsVotes';

/** Listed by hand, in order: no globs, so ts-jest, ts-node and the compiled build load the same set. */
export const migrations = [CreateUsersPostsVotes1764000000000];
