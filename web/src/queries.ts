import { pageInfo } from '@social-api/client';
import { type InfiniteData, QueryClient, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api, type PostOut } from './api';
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
 * The lists of posts. `home` is the home timeline: until GET /timeline exists it is
 * everyone's feed, so turning it into the timeline is this one request.
 */
const FEEDS = {
  all: (search: string, cursor?: string) => api.GET('/posts', { params: { query: { limit: PAGE_SIZE, ...(search ? { search } : {}), ...(cursor ? { cursor } : {}) } } }),
  home: (_search: string, cursor?: string) => api.GET('/posts', { params: { query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } } }),
};
export type FeedKind = keyof typeof FEEDS;

const POSTS = ['posts'] as const;
const feedKey = (kind: FeedKind, search: string) => [...POSTS, 'feed', kind, search] as const;
const postKey = (id: number) => [...POSTS, 'one', id] as const;

export function useFeed(kind: FeedKind, search: string) {
  return useInfiniteQuery({
    queryKey: feedKey(kind, search),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }): Promise<FeedPage> => {
      const { data, response } = await dataOf(FEEDS[kind](search, pageParam), 'The posts could not be loaded');
      const { nextCursor, totalCount, totalCountCapped } = pageInfo(response);
      return { posts: data, nextCursor, total: totalCount === undefined ? undefined : { count: totalCount, capped: totalCountCapped } };
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
    onSuccess: ({ voted, votes }) => updatePost(id, (p) => ({ ...p, voted, votes })),
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

/** On log-out: nothing of the last user stays in memory. */
export const forgetAll = () => queryClient.clear();
