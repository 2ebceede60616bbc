import { useId, useState } from 'react';
import type { Comment, PostOut } from '../api';
import { useUser } from '../auth';
import { ConfirmDelete, Field, FormError, formErrors, Notice, useSubmit } from '../forms';
import { editComment, useComments, useDeleteComment, usePost, useVoters, writeComment } from '../queries';
import { Link, navigate } from '../router';
import { RelativeTime, TextWithLinks } from '../text';
import { MoreButton, PeopleList, PersonLink } from './people';
import { PostCard } from './post-card';

/** A post's own page, /app/posts/{id}: the address to share, with its comments and its voters. */
export function PostPage({ id }: { id: number }) {
  const post = usePost(id);
  return (
    <main>
      {post.data ? (
        <>
          <PostCard post={post.data} single onDeleted={() => navigate('/', { notice: 'Post deleted.', force: true })} />
          <Comments post={post.data} />
          <Voters post={post.data} />
        </>
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

const COMMENT_MAX = 2000;

type Answer = { data?: Comment; error?: unknown; response: Response };

/** Writes a comment, a reply or a comment's new text; `onDone` after the server took it. */
function CommentForm({ label, action, initial = '', send, onDone, onCancel }: { label: string; action: string; initial?: string; send(content: string): Promise<Answer>; onDone(): void; onCancel?(): void }) {
  const [content, setContent] = useState(initial);
  const { submit, pending, errors } = useSubmit(async () => {
    const { data, error, response } = await send(content);
    if (data) {
      setContent('');
      return onDone();
    }
    const result = formErrors(error, response, ['content'], 'Your comment was not saved');
    // The comment replied to was deleted meanwhile.
    if (response.status === 422 && JSON.stringify(error).includes('reply_to')) return { fields: result.fields, form: 'The comment you are replying to does not exist any more.' };
    return result;
  });
  return (
    <form className="comment-form" onSubmit={submit} noValidate>
      <Field label={label} name="content" multiline rows={3} maxLength={COMMENT_MAX} value={content} onChange={(e) => setContent(e.target.value)} error={errors.fields.content} />
      <FormError message={errors.form} />
      <div className="actions">
        <button type="submit" className="primary" disabled={pending}>
          {action}
        </button>
        {onCancel && (
          <button type="button" className="link" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function Comments({ post }: { post: PostOut }) {
  const postId = post.Post.id;
  const list = useComments(postId);
  const [notice, setNotice] = useState<string>();
  const comments = list.data?.pages.flatMap((page) => page.items) ?? [];
  const count = post.comments;
  return (
    <section aria-labelledby="comments-heading" className="comments">
      <h2 id="comments-heading">{count === 0 ? 'Comments' : `${count} ${count === 1 ? 'comment' : 'comments'}`}</h2>
      <Notice message={notice} />
      <CommentForm label="Write a comment" action="Comment" send={(content) => writeComment(postId, content)} onDone={() => setNotice('Your comment was added.')} />
      {list.isPending && (
        <p className="loading" role="status">
          Loading comments…
        </p>
      )}
      {comments.length > 0 && (
        <ol className="comment-list" aria-label="Comments">
          {comments.map((comment) => (
            <li key={comment.id}>
              <CommentItem comment={comment} postOwner={post.Post.owner_id} onNotice={setNotice} />
            </li>
          ))}
        </ol>
      )}
      {list.isSuccess && comments.length === 0 && <p>No comments yet. Write the first one.</p>}
      {list.error && <FormError message={list.error.message} />}
      <MoreButton list={list} what="comments" />
    </section>
  );
}

/** One comment: its author, time, edited mark and text; reply, edit and delete; a top-level one's replies. */
function CommentItem({ comment, postOwner, onNotice }: { comment: Comment; postOwner: number; onNotice(message: string): void }) {
  const user = useUser();
  const labelId = useId();
  const [mode, setMode] = useState<'read' | 'reply' | 'edit'>('read');
  const [showReplies, setShowReplies] = useState(false);
  const own = comment.owner.id === user.id;
  const topLevel = comment.reply_to === null;
  const name = `@${comment.owner.username}`;
  return (
    <article className="comment" aria-labelledby={labelId}>
      <p className="meta">
        <span id={labelId} className="visually-hidden">
          {topLevel ? 'Comment' : 'Reply'} by {name}
        </span>
        <PersonLink username={comment.owner.username} />
        {own && ' (you)'} · <RelativeTime iso={comment.created_at} />
        {comment.edited_at && (
          <>
            {' · '}
            <span className="edited">
              edited <RelativeTime iso={comment.edited_at} />
            </span>
          </>
        )}
      </p>
      {mode === 'edit' ? (
        <CommentForm
          label="Edit your comment"
          action="Save comment"
          initial={comment.content}
          send={(content) => editComment(comment, content)}
          onDone={() => {
            setMode('read');
            onNotice('Your comment was changed.');
          }}
          onCancel={() => setMode('read')}
        />
      ) : (
        <p className="content">
          <TextWithLinks text={comment.content} />
        </p>
      )}
      {mode !== 'edit' && (
        <div className="comment-actions">
          <button type="button" className="link" aria-expanded={mode === 'reply'} onClick={() => setMode(mode === 'reply' ? 'read' : 'reply')}>
            Reply<span className="visually-hidden"> to {name}</span>
          </button>
          {own && (
            <button type="button" className="link" onClick={() => setMode('edit')}>
              Edit<span className="visually-hidden"> your comment</span>
            </button>
          )}
          {(own || postOwner === user.id) && <DeleteComment comment={comment} onNotice={onNotice} />}
        </div>
      )}
      {mode === 'reply' && (
        <CommentForm
          label={`Your reply to ${name}`}
          action="Reply"
          // Replies are one level deep: a reply to a reply joins its thread.
          send={(content) => writeComment(comment.post_id, content, comment.reply_to ?? comment.id)}
          onDone={() => {
            setMode('read');
            setShowReplies(true);
            onNotice('Your reply was added.');
          }}
          onCancel={() => setMode('read')}
        />
      )}
      {topLevel && comment.replies > 0 && (
        <>
          <button type="button" className="link" aria-expanded={showReplies} onClick={() => setShowReplies(!showReplies)}>
            {showReplies ? 'Hide replies' : `Show ${comment.replies} ${comment.replies === 1 ? 'reply' : 'replies'}`}
          </button>
          {showReplies && <Replies comment={comment} postOwner={postOwner} onNotice={onNotice} />}
        </>
      )}
    </article>
  );
}

function Replies({ comment, postOwner, onNotice }: { comment: Comment; postOwner: number; onNotice(message: string): void }) {
  const list = useComments(comment.post_id, comment.id);
  const replies = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      {list.isPending && (
        <p className="loading" role="status">
          Loading replies…
        </p>
      )}
      {replies.length > 0 && (
        <ol className="comment-list replies" aria-label={`Replies to @${comment.owner.username}`}>
          {replies.map((reply) => (
            <li key={reply.id}>
              <CommentItem comment={reply} postOwner={postOwner} onNotice={onNotice} />
            </li>
          ))}
        </ol>
      )}
      {list.error && <FormError message={list.error.message} />}
      <MoreButton list={list} what="replies" />
    </>
  );
}

function DeleteComment({ comment, onNotice }: { comment: Comment; onNotice(message: string): void }) {
  const remove = useDeleteComment(comment);
  const withReplies = comment.replies > 0 ? ` Its ${comment.replies === 1 ? 'reply goes' : `${comment.replies} replies go`} with it.` : '';
  return (
    <ConfirmDelete
      what="this comment"
      question={`Delete this comment?${withReplies}`}
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate(undefined, { onSuccess: () => onNotice('Comment deleted.') })}
    />
  );
}

/** Who voted on the post, newest vote first. */
function Voters({ post }: { post: PostOut }) {
  const list = useVoters(post.Post.id);
  return (
    <section aria-labelledby="voters-heading">
      <h2 id="voters-heading">Voted by</h2>
      <PeopleList list={list} label="Voters" what="voters" empty={<p>No votes yet.</p>} />
    </section>
  );
}
