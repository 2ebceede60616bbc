import { CreateUsersPostsVotes1764000000000 } from './1764000000000-CreateUsersPostsVotes';
import { AddFeedAndTitleSearchIndexes1764100000000 } from './1764100000000-AddFeedAndTitleSearchIndexes';
import { AddSessionsAndPasswordResets1764200000000 } from './1764200000000-AddSessionsAndPasswordResets';
import { AddPostCountersKeptByTriggers1764300000000 } from './1764300000000-AddPostCountersKeptByTriggers';
import { AddPostRemovalsCounter1764400000000 } from './1764400000000-AddPostRemovalsCounter';
import { NormaliseEmailsToNfc1764510000000 } from './1764510000000-NormaliseEmailsToNfc';

/** Listed by hand, in order: no globs, so ts-jest and the compiled build load the same set. */
export const migrations = [
  CreateUsersPostsVotes1764000000000,
  AddFeedAndTitleSearchIndexes1764100000000,
  AddSessionsAndPasswordResets1764200000000,
  AddPostCountersKeptByTriggers1764300000000,
  AddPostRemovalsCounter1764400000000,
  NormaliseEmailsToNfc1764510000000,
];
