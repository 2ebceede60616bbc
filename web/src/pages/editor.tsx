import { useEffect, useState } from 'react';
import { api } from '../api';
import { useUser } from '../auth';
import { problemMessage } from '../errors';
import { Field, FormError, formErrors, useSubmit } from '../forms';
import { postsChanged } from '../queries';
import { Link, navigate, useLeaveWarning } from '../router';
import { profilePath } from './people';

const FIELDS = ['title', 'content', 'published'] as const;

/** Writes a new post (no id) or edits one of the user's own. */
export function EditorPage({ id }: { id?: number }) {
  const user = useUser();
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [published, setPublished] = useState(true);
  const [loadError, setLoadError] = useState<string>();
  const [loaded, setLoaded] = useState(id === undefined);
  const [saved, setSaved] = useState({ title: '', content: '', published: true });
  const unsaved = loaded && (title !== saved.title || content !== saved.content || published !== saved.published);
  useLeaveWarning(unsaved ? 'Leave this page? Your changes to the post are not saved.' : undefined);

  useEffect(() => {
    if (id === undefined) return;
    void api.GET('/posts/{id}', { params: { path: { id } } }).then(
      ({ data, error, response }) => {
        if (!data) return setLoadError(problemMessage(error, response, 'The post could not be loaded'));
        if (data.Post.owner_id !== user.id) return setLoadError('You can only edit your own posts.');
        setTitle(data.Post.title);
        setContent(data.Post.content);
        setPublished(data.Post.published);
        setSaved({ title: data.Post.title, content: data.Post.content, published: data.Post.published });
        setLoaded(true);
      },
      () => setLoadError(problemMessage(undefined, undefined, 'The post could not be loaded')),
    );
  }, [id, user.id]);

  const { submit, pending, errors } = useSubmit(async () => {
    const body = { title, content, published };
    const { data, error, response } = id === undefined ? await api.POST('/posts', { body }) : await api.PUT('/posts/{id}', { params: { path: { id } }, body });
    if (!data) return formErrors(error, response, FIELDS, 'The post was not saved');
    postsChanged();
    const what = data.published ? 'published' : 'saved as a draft (only you can see it)';
    // A draft is not in the timeline: it is on your profile.
    navigate(data.published ? '/' : profilePath(user.username), { force: true, notice: id === undefined ? `Your post was ${what}.` : `Your changes were ${what}.` });
  });

  const heading = id === undefined ? 'New post' : 'Edit post';
  if (loadError) {
    return (
      <main className="narrow">
        <h1>{heading}</h1>
        <FormError message={loadError} />
        <p>
          <Link to="/">Back to the feed</Link>
        </p>
      </main>
    );
  }
  return (
    <main className="narrow">
      <h1>{heading}</h1>
      {!loaded ? (
        <p role="status">Loading…</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <Field label="Title" name="title" required maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} error={errors.fields.title} />
          <Field label="Content" name="content" multiline required rows={8} value={content} onChange={(e) => setContent(e.target.value)} error={errors.fields.content} />
          <div className="field checkbox">
            <input id="published" type="checkbox" checked={published} onChange={(e) => setPublished(e.target.checked)} aria-describedby="published-hint" />
            <label htmlFor="published">Published</label>
            <p className="hint" id="published-hint">
              Unchecked, the post is a draft: only you see it, on your profile.
            </p>
            {errors.fields.published && <p className="field-error">{errors.fields.published}</p>}
          </div>
          <FormError message={errors.form} />
          <div className="actions">
            <button type="submit" className="primary" disabled={pending}>
              {id === undefined ? (published ? 'Publish' : 'Save draft') : 'Save changes'}
            </button>
            <Link to="/">Cancel</Link>
          </div>
        </form>
      )}
    </main>
  );
}
