import { FormError } from '../forms';
import { usePost } from '../queries';
import { Link, navigate } from '../router';
import { PostCard } from './post-card';

/** A post's own page, /app/posts/{id}: the address to share. */
export function PostPage({ id }: { id: number }) {
  const post = usePost(id);
  return (
    <main>
      {post.data ? (
        <PostCard post={post.data} single onDeleted={() => navigate('/', { notice: 'Post deleted.', force: true })} />
      ) : post.error ? (
        <>
          <h1>Post</h1>
          <FormError message={post.error.message} />
        </>
      ) : (
        <p className="loading" role="status">
          Loading…
        </p>
      )}
      <p>
        <Link to="/">Back to your feed</Link>
      </p>
    </main>
  );
}
