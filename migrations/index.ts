import { CreateUsersPostsVotes1764000000000 } from './1764000000000-CreateUsersPostsVotes';
import { AddFeedAndTitleSearchIndexes1764100000000 } from './1764100000000-AddFeedAndTitleSearchIndexes';
import { AddSessionsAndPasswordResets1764200000000 } from './1764200000000-AddSessionsAndPasswordResets';
import { AddPostCountersKeptByTriggers1764300000000 } from './1764300000000-AddPostCountersKeptByTriggers';
import { AddPostRemovalsCounter1764400000000 } from './1764400000000-AddPostRemovalsCounter';
import { DeclareCountersOnce1764500000000 } from './1764500000000-DeclareCountersOnce';
import { NormaliseEmailsToNfc1764510000000 } from './1764510000000-NormaliseEmailsToNfc';
import { AddUsernamesAndFollows1764600000000 } from './1764600000000-AddUsernamesAndFollows';
import { AddHomeTimelines1764700000000 } from './1764700000000-AddHomeTimelines';
import { AddCommentsNotificationsAndBlocks1764800000000 } from './1764800000000-AddCommentsNotificationsAndBlocks';
import { AddStreamTickets1764900000000 } from './1764900000000-AddStreamTickets';

/** Listed by hand, in order: no globs, so ts-jest and the compiled build load the same set. */
export const migrations = [
  CreateUsersPostsVotes1764000000000,
  AddFeedAndTitleSearchIndexes1764100000000,
  AddSessionsAndPasswordResets1764200000000,
  AddPostCountersKeptByTriggers1764300000000,
  AddPostRemovalsCounter1764400000000,
  DeclareCountersOnce1764500000000,
  NormaliseEmailsToNfc1764510000000,
  AddUsernamesAndFollows1764600000000,
  AddHomeTimelines1764700000000,
  AddCommentsNotificationsAndBlocks1764800000000,
  AddStreamTickets1764900000000,
];
