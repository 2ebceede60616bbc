import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Brief } from '../api';
import { FormError } from '../forms';
import type { ListPage } from '../queries';
import { Link } from '../router';

/** The address of someone's profile. */
export const profilePath = (username: string) => `/@${username}`;

/** A person's name as a link to their profile: the display name when they chose one, and @username. */
export function PersonLink({ username, displayName }: { username: string; displayName?: string }) {
  return (
    <Link to={profilePath(username)} className="person">
      {displayName ? (
        <>
          <span className="display-name">{displayName}</span> <span className="username">@{username}</span>
        </>
      ) : (
        <>@{username}</>
      )}
    </Link>
  );
}

type Paged<T> = UseInfiniteQueryResult<InfiniteData<ListPage<T>>, Error>;

/** The "Load more" (or, after a failure, "Try again") button of a list read page by page. */
export function MoreButton<T>({ list, what }: { list: Paged<T>; what: string }) {
  if (!(list.hasNextPage || (list.isError && !list.isFetching))) return null;
  return (
    <button type="button" className="more" onClick={() => void (list.data ? list.fetchNextPage() : list.refetch())} disabled={list.isFetchingNextPage}>
      {list.isFetchingNextPage ? 'Loading…' : list.isError ? 'Try again' : `Load more ${what}`}
    </button>
  );
}

/** A list of people (followers, following, voters), page by page with "Load more". */
export function PeopleList({ list, label, empty, what = 'people' }: { list: Paged<Brief>; label: string; empty: ReactNode; what?: string }) {
  const people = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      {list.isPending && (
        <p className="loading" role="status">
          Loading…
        </p>
      )}
      {people.length > 0 && (
        <ul className="people" aria-label={label}>
          {people.map((person) => (
            <li key={person.id}>
              <PersonLink username={person.username} displayName={person.display_name} />
              {person.followed && <span className="badge">Following</span>}
            </li>
          ))}
        </ul>
      )}
      {list.isSuccess && people.length === 0 && empty}
      {list.error && <FormError message={list.error.message} />}
      <MoreButton list={list} what={what} />
    </>
  );
}
