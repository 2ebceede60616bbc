import { pageInfo } from '@social-api/client';
import { type InfiniteData, QueryClient, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api, type Brief, type Comment, type Notification, type PostOut, type Profile } from './api';
import { problemMessage } from './errors';

/**
 * The app's data, through TanStack Query: what was loaded stays cached (Back shows it at
 * once, then refreshes it), and a change is written into every cached copy of a post.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    // A page seen in the last 30 s is shown as it was, without a request.
    queries: { staleTime: 30_000, retry: false, refetchOnWindowFocus: true },
  },
});

/** A request that did not succeed, with the words to show for it. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number | undefined,
    body: unknown,
    response: Response | undefined,
    what: string,
  ) {
    super(problemMessage(body, response, what));
  }
}

/** An openapi-fetch answer's data, or an ApiProblem; a network failure is one too. */
async function dataOf<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>, what: string): Promise<{ data: T; response: Response }> {
  let answer;
  try {
    answer = await request;
  } catch {
    throw new ApiProblem(undefined, undefined, undefined, what);
  }
  if (answer.data === undefined) throw new ApiProblem(answer.response.status, answer.error, answer.response, what);
  return { data: answer.data, response: answer.response };
}

const PAGE_SIZE = 10;

export interface FeedPage {
  posts: PostOut[];
  nextCursor?: string;
  total?: { count: number; capped: boolean };
}

/**
 * The lists of posts, by kind; `arg` is the title search (`all`) or the author's username
 * (`profile`). `home` is the home timeline: the people you follow and you, without a count.
 */
const FEEDS = {
  all: (search: string, cursor?: string) => api.GET('/posts', { params: { query: { limit: PAGE_SIZE, ...(search ? { search } : {}), ...(cursor ? { cursor } : {}) } } }),
  home: (_: string, cursor?: string) => api.GET('/timeline', { params: { query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } } }),
  profile: (username: string, cursor?: string) =>
    api.GET('/profiles/{username}/posts', { params: { path: { username }, query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } } }),
};
export type FeedKind = keyof typeof FEEDS;

const POSTS = ['posts'] as const;
/**
 * Posts that entered the home timeline since it was loaded (live updates), newest first:
 * shown by a "Show N new posts" button rather than pushed in above what is being read.
 */
const NEW_POSTS = ['live', 'new-posts'] as const;
const feedKey = (kind: FeedKind, arg: string) => [...POSTS, 'feed', kind, kind === 'profile' ? arg.toLowerCase() : arg] as const;
const postKey = (id: number) => [...POSTS, 'one', id] as const;

/** A page of any list: its items, the cursor of the next page, the total when the API says it. */
async function pageOf<T>(request: Promise<{ data?: T[]; error?: unknown; response: Response }>, what: string): Promise<ListPage<T>> {
  const { data, response } = await dataOf(request, what);
  const { nextCursor, totalCount, totalCountCapped } = pageInfo(response);
  return { items: data, nextCursor, total: totalCount === undefined ? undefined : { count: totalCount, capped: totalCountCapped } };
}

export interface ListPage<T> {
  items: T[];
  nextCursor?: string;
  total?: { count: number; capped: boolean };
}

export function useFeed(kind: FeedKind, arg: string) {
  return useInfiniteQuery({
    queryKey: feedKey(kind, arg),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }): Promise<FeedPage> => {
      // The timeline read from its start has every post that was waiting behind "Show N new posts"; those that come meanwhile wait on.
      if (kind === 'home' && pageParam === undefined) queryClient.setQueryData(NEW_POSTS, []);
      const { items, nextCursor, total } = await pageOf(FEEDS[kind](arg, pageParam), 'The posts could not be loaded');
      return { posts: items, nextCursor, total };
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function usePost(id: number) {
  return useQuery({
    queryKey: postKey(id),
    queryFn: async () => (await dataOf(api.GET('/posts/{id}', { params: { path: { id } } }), 'The post could not be loaded')).data,
  });
}

/** Every cached copy of a post (in any feed, and its own page) changed by `change`. */
function updatePost(id: number, change: (post: PostOut) => PostOut | undefined): void {
  queryClient.setQueriesData<InfiniteData<FeedPage>>({ queryKey: [...POSTS, 'feed'] }, (feed) =>
    feed && {
      ...feed,
      pages: feed.pages.map((page) => ({ ...page, posts: page.posts.flatMap((post) => (post.Post.id === id ? (change(post) ?? []) : [post])) })),
    },
  );
  queryClient.setQueryData<PostOut>(postKey(id), (post) => post && change(post));
}

/** A vote shows at once everywhere the post is shown, and goes back if the server does not take it. */
export function useVote(post: PostOut) {
  const id = post.Post.id;
  return useMutation({
    mutationFn: async (voted: boolean) => {
      const params = { params: { path: { id } } };
      return (await dataOf(voted ? api.PUT('/posts/{id}/vote', params) : api.DELETE('/posts/{id}/vote', params), 'Your vote was not saved')).data;
    },
    onMutate: async (voted) => {
      await queryClient.cancelQueries({ queryKey: POSTS });
      const before = { voted: post.voted, votes: post.votes };
      updatePost(id, (p) => ({ ...p, voted, votes: p.votes + (voted === p.voted ? 0 : voted ? 1 : -1) }));
      return before;
    },
    onError: (_error, _voted, before) => before && updatePost(id, (p) => ({ ...p, ...before })),
    onSuccess: ({ voted, votes }) => {
      updatePost(id, (p) => ({ ...p, voted, votes }));
      void queryClient.invalidateQueries({ queryKey: votersKey(id) });
    },
  });
}

/** `onDeleted` is called even when the button that asked is gone with the post. */
export function useDeletePost(id: number, onDeleted: () => void) {
  return useMutation({
    mutationFn: async () => {
      const { error, response } = await api.DELETE('/posts/{id}', { params: { path: { id } } }).catch(() => ({ error: undefined, response: undefined }));
      if (!response?.ok) throw new ApiProblem(response?.status, error, response, 'The post could not be deleted');
    },
    onSuccess: () => {
      onDeleted();
      updatePost(id, () => undefined);
      queryClient.removeQueries({ queryKey: postKey(id) });
      // The counts in the feeds' headers.
      void queryClient.invalidateQueries({ queryKey: [...POSTS, 'feed'] });
    },
  });
}

/** After a post was written or edited (from the editor, where no list is shown): every list and that post are read anew. */
export const postsChanged = () => queryClient.removeQueries({ queryKey: POSTS });

export const SESSIONS = ['sessions'] as const;
export function useSessions() {
  return useQuery({ queryKey: SESSIONS, queryFn: async () => (await dataOf(api.GET('/users/me/sessions'), 'Your sessions could not be loaded')).data });
}

/** A list read page by page (`cursor`), for the lists that are not posts. */
function usePaged<T>(queryKey: readonly unknown[], load: (cursor?: string) => Promise<{ data?: T[]; error?: unknown; response: Response }>, what: string) {
  return useInfiniteQuery({
    queryKey,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => pageOf(load(pageParam), what),
    getNextPageParam: (last: ListPage<T>) => last.nextCursor,
  });
}

const pageQuery = (cursor?: string) => ({ limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });

// ---- people ----

const PEOPLE = ['people'] as const;
const PROFILES = ['profile'] as const;
const profileKey = (username: string) => [...PROFILES, username.toLowerCase()] as const;
const votersKey = (postId: number) => [...PEOPLE, 'voters', postId] as const;

export function useProfile(username: string) {
  return useQuery({
    queryKey: profileKey(username),
    queryFn: async () => (await dataOf(api.GET('/profiles/{username}', { params: { path: { username } } }), 'The profile could not be loaded')).data,
  });
}

export type PeopleKind = 'followers' | 'following';
export function usePeople(kind: PeopleKind, username: string) {
  return usePaged<Brief>(
    [...PEOPLE, kind, username.toLowerCase()],
    (cursor) =>
      kind === 'followers'
        ? api.GET('/profiles/{username}/followers', { params: { path: { username }, query: pageQuery(cursor) } })
        : api.GET('/profiles/{username}/following', { params: { path: { username }, query: pageQuery(cursor) } }),
    kind === 'followers' ? 'The followers could not be loaded' : 'The list could not be loaded',
  );
}

export function useVoters(postId: number) {
  return usePaged<Brief>(votersKey(postId), (cursor) => api.GET('/posts/{id}/votes', { params: { path: { id: postId }, query: pageQuery(cursor) } }), 'The voters could not be loaded');
}

/**
 * Follow or unfollow: shown at once on the profile, put back if the server does not take it.
 * The API's answer is the same whatever the state before, so a second click is harmless.
 */
export function useFollow(username: string) {
  const key = profileKey(username);
  return useMutation({
    mutationFn: async (followed: boolean) => {
      const params = { params: { path: { username } } };
      const what = followed ? 'You could not follow them' : 'You could not unfollow them';
      return (await dataOf(followed ? api.PUT('/profiles/{username}/follow', params) : api.DELETE('/profiles/{username}/follow', params), what)).data;
    },
    onMutate: async (followed) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<Profile>(key);
      queryClient.setQueryData<Profile>(key, (p) => p && { ...p, followed, followers_count: p.followers_count + (followed === p.followed ? 0 : followed ? 1 : -1) });
      return before;
    },
    onError: (_error, _followed, before) => before && queryClient.setQueryData(key, before),
    onSuccess: ({ followed, followers_count }) => {
      queryClient.setQueryData<Profile>(key, (p) => p && { ...p, followed, followers_count });
      // Lists of people (their followers, your following, the `followed` marks), your own
      // counts, and the home timeline, which now has (or no longer has) their posts.
      void queryClient.invalidateQueries({ queryKey: PEOPLE });
      void queryClient.invalidateQueries({ queryKey: PROFILES, predicate: (q) => q.queryKey[1] !== username.toLowerCase() });
      queryClient.removeQueries({ queryKey: feedKey('home', '') });
    },
  });
}

// ---- blocks ----

const BLOCKS = ['blocks'] as const;

/**
 * Everyone you blocked, every page of it (100 at a time): the profile page needs to know
 * whether you blocked that person, and a Profile does not say.
 */
export function useBlocks() {
  return useQuery({
    queryKey: BLOCKS,
    queryFn: async () => {
      const all: Brief[] = [];
      let cursor: string | undefined;
      do {
        const page = await pageOf(api.GET('/users/me/blocks', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } }), 'Your blocked accounts could not be loaded');
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    },
  });
}

export function useBlock(username: string) {
  return useMutation({
    mutationFn: async (blocked: boolean) => {
      const params = { params: { path: { username } } };
      const what = blocked ? 'They could not be blocked' : 'They could not be unblocked';
      return (await dataOf(blocked ? api.PUT('/profiles/{username}/block', params) : api.DELETE('/profiles/{username}/block', params), what)).data;
    },
    onSuccess: () => {
      // A block ends the follows both ways and hides posts, comments and notifications.
      void queryClient.invalidateQueries({ queryKey: BLOCKS });
      void queryClient.invalidateQueries({ queryKey: PROFILES });
      void queryClient.invalidateQueries({ queryKey: PEOPLE });
      void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS });
      queryClient.removeQueries({ queryKey: POSTS, type: 'inactive' });
      void queryClient.invalidateQueries({ queryKey: POSTS });
      void queryClient.invalidateQueries({ queryKey: COMMENTS });
    },
  });
}

/** After your own profile changed (PATCH /users/me): it, and the posts that show your name, are read anew. */
export function profileChanged(profile: Profile) {
  queryClient.setQueryData(profileKey(profile.username), profile);
  void queryClient.invalidateQueries({ queryKey: PROFILES, predicate: (q) => q.queryKey[1] !== profile.username.toLowerCase() });
  queryClient.removeQueries({ queryKey: POSTS, type: 'inactive' });
  void queryClient.invalidateQueries({ queryKey: COMMENTS });
}

// ---- comments ----

const COMMENTS = ['comments'] as const;
/** The top-level comments of a post (`replyTo` undefined), or one comment's replies. */
const commentsKey = (postId: number, replyTo?: number) => [...COMMENTS, postId, replyTo ?? 'top'] as const;

export function useComments(postId: number, replyTo?: number) {
  return usePaged<Comment>(
    commentsKey(postId, replyTo),
    (cursor) => api.GET('/posts/{id}/comments', { params: { path: { id: postId }, query: { ...pageQuery(cursor), ...(replyTo ? { reply_to: replyTo } : {}) } } }),
    replyTo ? 'The replies could not be loaded' : 'The comments could not be loaded',
  );
}

/** The post's comment count (in every list it is shown in) moved by `by`, and its comments read anew. */
function commentsChanged(postId: number, by: number) {
  updatePost(postId, (p) => ({ ...p, comments: Math.max(0, p.comments + by) }));
  void queryClient.invalidateQueries({ queryKey: [...COMMENTS, postId] });
}

/**
 * Comments already counted in their post's count: a comment written here also comes back
 * on the live stream (the post is watched), perhaps before the POST's answer; it counts once.
 */
const countedComments = new Set<number>();
const countOnce = (commentId: number) => !countedComments.has(commentId) && Boolean(countedComments.add(commentId));

export async function writeComment(postId: number, content: string, replyTo?: number) {
  const answer = await api.POST('/posts/{id}/comments', { params: { path: { id: postId } }, body: { content, ...(replyTo ? { reply_to: replyTo } : {}) } });
  if (answer.data) commentsChanged(postId, countOnce(answer.data.id) ? 1 : 0);
  return answer;
}

export async function editComment(comment: Comment, content: string) {
  const answer = await api.PATCH('/comments/{id}', { params: { path: { id: comment.id } }, body: { content } });
  if (answer.data) void queryClient.invalidateQueries({ queryKey: [...COMMENTS, comment.post_id] });
  return answer;
}

export function useDeleteComment(comment: Comment) {
  return useMutation({
    mutationFn: async () => {
      const { error, response } = await api.DELETE('/comments/{id}', { params: { path: { id: comment.id } } }).catch(() => ({ error: undefined, response: undefined }));
      if (!response?.ok) throw new ApiProblem(response?.status, error, response, 'The comment could not be deleted');
    },
    // Its replies go with it.
    onSuccess: () => commentsChanged(comment.post_id, -(1 + comment.replies)),
  });
}

// ---- notifications ----

const NOTIFICATIONS = ['notifications'] as const;
const UNREAD = [...NOTIFICATIONS, 'unread'] as const;

export function useNotifications() {
  return usePaged<Notification>([...NOTIFICATIONS, 'list'], (cursor) => api.GET('/notifications', { params: { query: pageQuery(cursor) } }), 'Your notifications could not be loaded');
}

/** The unread count in the navigation: read again every minute, and when the window gets the focus back. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: UNREAD,
    enabled,
    queryFn: async () => (await dataOf(api.GET('/notifications/unread'), 'The unread count could not be loaded')).data.count,
    staleTime: 15_000,
    refetchInterval: 60_000,
    refetchOnWindowFocus: 'always',
  });
}

/** Marks read every notification up to `upTo` (the newest one shown), not those that came after. */
export function useMarkRead() {
  return useMutation({
    mutationFn: async (upTo: number) => {
      const { error, response } = await api.POST('/notifications/read', { body: { up_to: upTo } }).catch(() => ({ error: undefined, response: undefined }));
      if (!response?.ok) throw new ApiProblem(response?.status, error, response, 'Your notifications could not be marked as read');
    },
    onSuccess: (_, upTo) => {
      queryClient.setQueryData<InfiniteData<ListPage<Notification>>>([...NOTIFICATIONS, 'list'], (list) =>
        list && { ...list, pages: list.pages.map((page) => ({ ...page, items: page.items.map((n) => (n.id <= upTo ? { ...n, read: true } : n)) })) },
      );
      void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS });
    },
  });
}

/** On log-out: nothing of the last user stays in memory. */
export const forgetAll = () => {
  queryClient.clear();
  countedComments.clear();
};

// ---- live updates (GET /stream, through src/live.ts) ----

/** The home timeline's posts, if it is cached. */
const homePosts = () => queryClient.getQueryData<InfiniteData<FeedPage>>(feedKey('home', ''))?.pages.flatMap((page) => page.posts);

/** The new posts not in the home timeline `shown` yet (a reload of it may have brought them). */
export function useNewPosts(shown: PostOut[]): PostOut[] {
  const { data: pending } = useQuery({ queryKey: NEW_POSTS, queryFn: () => queryClient.getQueryData<PostOut[]>(NEW_POSTS) ?? [], initialData: [] as PostOut[], staleTime: Infinity });
  return pending.filter((post) => !shown.some((p) => p.Post.id === post.Post.id));
}

/** "Show N new posts": they go at the top of the home timeline. */
export function showNewPosts(): void {
  const pending = queryClient.getQueryData<PostOut[]>(NEW_POSTS) ?? [];
  queryClient.setQueryData<PostOut[]>(NEW_POSTS, []);
  queryClient.setQueryData<InfiniteData<FeedPage>>(feedKey('home', ''), (feed) => {
    if (!feed || feed.pages.length === 0) return feed;
    const shown = new Set(feed.pages.flatMap((page) => page.posts.map((p) => p.Post.id)));
    const fresh = pending.filter((p) => !shown.has(p.Post.id)).sort((a, b) => b.Post.id - a.Post.id);
    const [first, ...rest] = feed.pages;
    return { ...feed, pages: [{ ...first, posts: [...fresh, ...first.posts] }, ...rest] };
  });
}

/** What each live event does to the cache. */
export const live = {
  /** A post entered the home timeline: waiting behind the button, if the timeline is loaded (else it is read when shown). */
  timeline(post: PostOut) {
    const shown = homePosts();
    if (!shown || shown.some((p) => p.Post.id === post.Post.id)) return;
    queryClient.setQueryData<PostOut[]>(NEW_POSTS, (pending = []) => (pending.some((p) => p.Post.id === post.Post.id) ? pending : [post, ...pending]));
  },
  postUpdated(post: PostOut) {
    updatePost(post.Post.id, () => post);
    queryClient.setQueryData<PostOut[]>(NEW_POSTS, (pending) => pending?.map((p) => (p.Post.id === post.Post.id ? post : p)));
  },
  /** Deleted, or a draft again: gone from the lists; its open page reads it again (and says it is gone). */
  postDeleted(id: number) {
    updatePost(id, () => undefined);
    queryClient.setQueryData<PostOut[]>(NEW_POSTS, (pending) => pending?.filter((p) => p.Post.id !== id));
    if (queryClient.getQueryData(postKey(id))) void queryClient.resetQueries({ queryKey: postKey(id), exact: true });
  },
  votes(postId: number, votes: number) {
    updatePost(postId, (p) => ({ ...p, votes }));
    void queryClient.invalidateQueries({ queryKey: votersKey(postId) });
  },
  comment(comment: Comment) {
    commentsChanged(comment.post_id, countOnce(comment.id) ? 1 : 0);
  },
  notification(notification: Notification) {
    queryClient.setQueryData<InfiniteData<ListPage<Notification>>>([...NOTIFICATIONS, 'list'], (list) => {
      if (!list || list.pages.length === 0 || list.pages.some((page) => page.items.some((n) => n.id === notification.id))) return list;
      const [first, ...rest] = list.pages;
      return { ...list, pages: [{ ...first, items: [notification, ...first.items] }, ...rest] };
    });
  },
  unread(count: number) {
    queryClient.setQueryData(UNREAD, count);
  },
  /** After a reconnect: edits, deletions, votes and comments of the gap are not replayed, so what is shown is read again. */
  resumed() {
    void queryClient.invalidateQueries({ queryKey: POSTS });
    void queryClient.invalidateQueries({ queryKey: COMMENTS });
  },
};
