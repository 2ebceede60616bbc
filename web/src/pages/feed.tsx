import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { PostOut } from '../api';
import { FormError, Notice } from '../forms';
import { type FeedKind, showNewPosts, useFeed, useNewPosts } from '../queries';
import { Link, navigate } from '../router';
import { PostCard } from './post-card';

const TITLES: Record<Exclude<FeedKind, 'profile'>, string> = { home: 'Home', all: 'Everyone’s posts' };

/**
 * A list of posts, page by page as it is scrolled: `home` (the timeline: the people you
 * follow and you) at /app/, `all` (with a title search kept in the address, `?search=`) at
 * /app/all.
 */
export function FeedPage({ kind, search = '', notice }: { kind: Exclude<FeedKind, 'profile'>; search?: string; notice?: string }) {
  return (
    <main>
      <div className="feed-head">
        <h1>{TITLES[kind]}</h1>
        <Link to="/posts/new" className="button primary">
          New post
        </Link>
      </div>
      <Notice message={notice} />
      {kind === 'all' && <SearchForm search={search} />}
      <PostList kind={kind} arg={search} empty={kind === 'home' ? <EmptyTimeline /> : <p>{search ? 'No post has that in its title.' : 'No posts yet. Write the first one!'}</p>} />
    </main>
  );
}

function EmptyTimeline() {
  return (
    <div className="empty">
      <p>Your timeline is empty: it shows the posts of the people you follow, and yours.</p>
      <p>
        Find people to follow among <Link to="/all">everyone’s posts</Link>: open an author’s name, then choose Follow.
      </p>
    </div>
  );
}

/**
 * Posts page by page, the next page loaded when the end of the list comes into view: a
 * feed, or an author's posts on their profile (`arg` is the search, or the username).
 */
export function PostList({ kind, arg, empty, label }: { kind: FeedKind; arg: string; empty: ReactNode; label?: string }) {
  const feed = useFeed(kind, arg);
  const [deleted, setDeleted] = useState(0);
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = feed;

  // Infinite scroll: the next page when the end of the list comes into view (not after a failure: the button retries).
  useEffect(() => {
    const end = sentinel.current;
    if (!end || !hasNextPage || isError) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && !isFetchingNextPage && void fetchNextPage(), { rootMargin: '400px' });
    observer.observe(end);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, isError]);

  const posts: PostOut[] = unique(feed.data?.pages.flatMap((page) => page.posts) ?? []);
  const list = useRef<HTMLOListElement>(null);
  const total = feed.data?.pages[0]?.total;
  const done = feed.isSuccess && !hasNextPage;

  return (
    <>
      <Notice key={deleted} message={deleted ? 'Post deleted.' : undefined} />
      {total && kind !== 'profile' && (
        <p className="count" aria-live="polite">
          {total.capped ? `More than ${total.count}` : total.count} {total.count === 1 && !total.capped ? 'post' : 'posts'}
          {arg && ` matching “${arg}”`}
        </p>
      )}
      {feed.isPending && (
        <p className="loading" role="status">
          Loading posts…
        </p>
      )}
      {kind === 'home' && feed.isSuccess && <NewPosts shown={posts} onShown={() => list.current?.focus()} />}
      <ol className="posts" aria-label={label} ref={list} tabIndex={-1}>
        {posts.map((post) => (
          <li key={post.Post.id}>
            <PostCard post={post} onDeleted={() => setDeleted((n) => n + 1)} />
          </li>
        ))}
      </ol>
      {feed.error && <FormError message={feed.error.message} />}
      <div ref={sentinel} />
      {(hasNextPage || (feed.isError && !feed.isFetching)) && (
        <button type="button" className="more" onClick={() => void (feed.data ? fetchNextPage() : feed.refetch())} disabled={isFetchingNextPage}>
          {isFetchingNextPage ? 'Loading…' : feed.isError ? 'Try again' : 'Load more posts'}
        </button>
      )}
      {done && posts.length === 0 && empty}
      {done && posts.length > 0 && <p className="end">You have reached the end.</p>}
    </>
  );
}

/** A post once (a page read after new posts were put at the top can have one of them again). */
function unique(posts: PostOut[]): PostOut[] {
  const seen = new Set<number>();
  return posts.filter((post) => !seen.has(post.Post.id) && Boolean(seen.add(post.Post.id)));
}

/**
 * "Show 2 new posts": the posts that entered the timeline live (src/live.ts) wait here rather
 * than move what is being read. The button is in a polite live region, so it is announced;
 * showing them puts the focus on the list, at the top.
 */
function NewPosts({ shown, onShown }: { shown: PostOut[]; onShown(): void }) {
  const waiting = useNewPosts(shown);
  const n = waiting.length;
  return (
    <div className="new-posts" aria-live="polite">
      {n > 0 && (
        <button
          type="button"
          className="primary"
          onClick={() => {
            showNewPosts();
            onShown();
          }}
        >
          Show {n} new {n === 1 ? 'post' : 'posts'}
        </button>
      )}
    </div>
  );
}

/** The search lives in the address (/app/all?search=...): a search can be shared, and Back undoes it. */
function SearchForm({ search }: { search: string }) {
  const [query, setQuery] = useState(search);
  useEffect(() => setQuery(search), [search]);
  return (
    <form
      role="search"
      className="search"
      onSubmit={(e) => {
        e.preventDefault();
        const term = query.trim();
        navigate(term ? `/all?${new URLSearchParams({ search: term })}` : '/all');
      }}
    >
      <label htmlFor="search">Search titles</label>
      <div className="search-row">
        <input id="search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit">Search</button>
      </div>
    </form>
  );
}
