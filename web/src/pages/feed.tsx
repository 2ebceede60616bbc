import { errorMessage, pageInfo } from '@social-api/client';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { api, type PostOut } from '../api';
import { useUser } from '../auth';
import { FormError, Notice } from '../forms';
import { Link } from '../router';

const PAGE_SIZE = 10;

interface Feed {
  posts: PostOut[];
  /** X-Next-Cursor of the last page; undefined: no more pages. */
  cursor: string | undefined;
  done: boolean;
  total?: { count: number; capped: boolean };
}

const EMPTY: Feed = { posts: [], cursor: undefined, done: false };

export function FeedPage({ notice }: { notice?: string }) {
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const [feed, setFeed] = useState<Feed>(EMPTY);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState(notice);
  const sentinel = useRef<HTMLDivElement>(null);
  // A page of an earlier search that answers late must not land in this one's list.
  const generation = useRef(0);
  const busy = useRef(false);

  const loadPage = useCallback(async (current: Feed, term: string) => {
    if (busy.current || current.done) return;
    busy.current = true;
    const mine = generation.current;
    setLoading(true);
    setError(undefined);
    try {
      const query = { limit: PAGE_SIZE, ...(term ? { search: term } : {}), ...(current.cursor ? { cursor: current.cursor } : {}) };
      const { data, error, response } = await api.GET('/posts', { params: { query } });
      if (mine !== generation.current) return;
      if (!data) return setError(errorMessage(error, 'The posts could not be loaded.'));
      const { nextCursor, totalCount, totalCountCapped } = pageInfo(response);
      setFeed({
        posts: [...current.posts, ...data],
        cursor: nextCursor,
        done: nextCursor === undefined,
        total: totalCount === undefined ? current.total : { count: totalCount, capped: totalCountCapped },
      });
    } catch {
      if (mine === generation.current) setError('The server could not be reached.');
    } finally {
      if (mine === generation.current) {
        busy.current = false;
        setLoading(false);
      }
    }
  }, []);

  // A new search starts the list again.
  useEffect(() => {
    generation.current++;
    busy.current = false;
    setFeed(EMPTY);
    void loadPage(EMPTY, search);
  }, [search, loadPage]);

  // Infinite scroll: the next page when the end of the list comes into view.
  useEffect(() => {
    const end = sentinel.current;
    if (!end || feed.done) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void loadPage(feed, search), { rootMargin: '400px' });
    observer.observe(end);
    return () => observer.disconnect();
  }, [feed, search, loadPage]);

  const removed = (id: number) => {
    setFeed((f) => ({ ...f, posts: f.posts.filter((p) => p.Post.id !== id), total: f.total && { ...f.total, count: f.total.count - 1 } }));
    setStatus('Post deleted.');
  };

  return (
    <main>
      <div className="feed-head">
        <h1>Feed</h1>
        <Link to="/posts/new" className="button primary">
          New post
        </Link>
      </div>
      <Notice message={status} />
      <form
        role="search"
        className="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(query.trim());
        }}
      >
        <label htmlFor="search">Search titles</label>
        <div className="search-row">
          <input id="search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
          <button type="submit">Search</button>
        </div>
      </form>
      {feed.total && (
        <p className="count" aria-live="polite">
          {feed.total.capped ? `More than ${feed.total.count}` : feed.total.count} {feed.total.count === 1 && !feed.total.capped ? 'post' : 'posts'}
          {search && ` matching “${search}”`}
        </p>
      )}
      <ol className="posts">
        {feed.posts.map((post) => (
          <li key={post.Post.id}>
            <PostCard post={post} onDeleted={removed} />
          </li>
        ))}
      </ol>
      <FormError message={error} />
      <div ref={sentinel} />
      {!feed.done && (
        <button type="button" className="more" onClick={() => void loadPage(feed, search)} disabled={loading}>
          {loading ? 'Loading…' : 'Load more posts'}
        </button>
      )}
      {feed.done && feed.posts.length === 0 && <p>{search ? 'No post has that in its title.' : 'No posts yet. Write the first one!'}</p>}
      {feed.done && feed.posts.length > 0 && <p className="end">You have reached the end.</p>}
    </main>
  );
}

function PostCard({ post, onDeleted }: { post: PostOut; onDeleted(id: number): void }) {
  const user = useUser();
  const titleId = useId();
  const { id, title, content, published, created_at, owner } = post.Post;
  const own = owner.id === user.id;
  return (
    <article className="post" aria-labelledby={titleId}>
      <header>
        <h2 id={titleId}>{title}</h2>
        {!published && <span className="badge">Draft</span>}
      </header>
      <p className="meta">
        {own ? 'You' : owner.email} · <time dateTime={created_at}>{new Date(created_at).toLocaleString()}</time>
      </p>
      <p className="content">{content}</p>
      <footer>
        <VoteButton post={post} />
        {own && (
          <span className="owner-actions">
            <Link to={`/posts/${id}/edit`}>Edit</Link>
            <DeleteButton id={id} onDeleted={onDeleted} />
          </span>
        )}
      </footer>
    </article>
  );
}

/** Shows the viewer's vote at once, and puts it back if the server did not take it. */
function VoteButton({ post }: { post: PostOut }) {
  const [state, setState] = useState({ voted: post.voted, votes: post.votes });
  const [error, setError] = useState<string>();
  const pending = useRef(false);
  const id = post.Post.id;

  const toggle = async () => {
    if (pending.current) return;
    pending.current = true;
    const before = state;
    const voted = !state.voted;
    setState({ voted, votes: state.votes + (voted ? 1 : -1) });
    setError(undefined);
    try {
      const params = { params: { path: { id } } };
      const { data, error } = voted ? await api.PUT('/posts/{id}/vote', params) : await api.DELETE('/posts/{id}/vote', params);
      if (data) setState({ voted: data.voted, votes: data.votes });
      else {
        setState(before);
        setError(`Your vote was not saved: ${errorMessage(error, 'the server refused it')}`);
      }
    } catch {
      setState(before);
      setError('Your vote was not saved: the server could not be reached.');
    } finally {
      pending.current = false;
    }
  };

  return (
    <span className="vote">
      <button type="button" className="vote-button" aria-pressed={state.voted} onClick={() => void toggle()}>
        <span aria-hidden="true">▲</span> Vote<span className="visually-hidden"> for {post.Post.title}</span>
      </button>
      <span className="vote-count">
        {state.votes} {state.votes === 1 ? 'vote' : 'votes'}
      </span>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

function DeleteButton({ id, onDeleted }: { id: number; onDeleted(id: number): void }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string>();
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" className="link danger" onClick={() => setAsking(true)}>
        Delete
      </button>
    );
  }
  const remove = async () => {
    const { error, response } = await api.DELETE('/posts/{id}', { params: { path: { id } } });
    if (response.ok) onDeleted(id);
    else setError(errorMessage(error, 'The post could not be deleted.'));
  };
  return (
    <span className="confirm" role="group" aria-label="Delete this post?">
      <span>Delete this post?</span>
      <button type="button" ref={confirm} className="danger" onClick={() => void remove()}>
        Yes, delete
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
