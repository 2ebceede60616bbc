import { useId } from 'react';
import type { PostOut } from '../api';
import { useUser } from '../auth';
import { useWatchPost } from '../live';
import { ConfirmDelete } from '../forms';
import { useDeletePost, useVote } from '../queries';
import { Link } from '../router';
import { RelativeTime, TextWithLinks } from '../text';
import { PersonLink } from './people';

const commentCount = (n: number) => `${n} ${n === 1 ? 'comment' : 'comments'}`;

/** A post in a list, or alone on its page (`single`: its title is the page's heading). */
export function PostCard({ post, onDeleted, single = false }: { post: PostOut; onDeleted(): void; single?: boolean }) {
  const user = useUser();
  const titleId = useId();
  const { id, title, content, published, created_at, owner } = post.Post;
  const own = owner.id === user.id;
  // Its votes, comments and edits come live while it is on screen.
  useWatchPost(id);
  const Heading = single ? 'h1' : 'h2';
  return (
    <article className="post" aria-labelledby={titleId}>
      <header>
        <Heading id={titleId}>{single ? title : <Link to={`/posts/${id}`}>{title}</Link>}</Heading>
        {!published && <span className="badge">Draft</span>}
      </header>
      <p className="meta">
        <PersonLink username={owner.username} />
        {own && ' (you)'} · <RelativeTime iso={created_at} />
      </p>
      <p className="content">
        <TextWithLinks text={content} />
      </p>
      <footer>
        <span className="post-stats">
          <VoteButton post={post} />
          {single ? (
            <span className="comment-count">{commentCount(post.comments)}</span>
          ) : (
            <Link to={`/posts/${id}`} className="comment-count">
              {commentCount(post.comments)}
              <span className="visually-hidden"> on {title}</span>
            </Link>
          )}
        </span>
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

/** Shows the viewer's vote at once (in every list the post is in), and puts it back if the server did not take it. */
function VoteButton({ post }: { post: PostOut }) {
  const vote = useVote(post);
  return (
    <span className="vote">
      <button type="button" className="vote-button" aria-pressed={post.voted} onClick={() => !vote.isPending && vote.mutate(!post.voted)}>
        <span aria-hidden="true">▲</span> Vote<span className="visually-hidden"> for {post.Post.title}</span>
      </button>
      <span className="vote-count">
        {post.votes} {post.votes === 1 ? 'vote' : 'votes'}
      </span>
      {vote.error && (
        <span className="field-error" role="alert">
          {vote.error.message}
        </span>
      )}
    </span>
  );
}

function DeleteButton({ id, onDeleted }: { id: number; onDeleted(): void }) {
  const remove = useDeletePost(id, onDeleted);
  return <ConfirmDelete what="this post" question="Delete this post?" pending={remove.isPending} error={remove.error} onConfirm={() => remove.mutate()} />;
}
