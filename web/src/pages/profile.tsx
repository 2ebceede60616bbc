import { useEffect, useRef, useState } from 'react';
import type { Profile } from '../api';
import { useUser } from '../auth';
import { FormError, Notice } from '../forms';
import { ApiProblem, useBlock, useBlocks, useFollow, usePeople, useProfile } from '../queries';
import { Link } from '../router';
import { RelativeTime, TextWithLinks } from '../text';
import { PostList } from './feed';
import { PeopleList, profilePath } from './people';

export type ProfileTab = 'posts' | 'followers' | 'following';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Someone's profile, /app/@{username}: who they are, their counts, follow and block, and
 * (one tab each, each its own address) their posts, followers and following.
 */
export function ProfilePage({ username, tab, notice }: { username: string; tab: ProfileTab; notice?: string }) {
  const profile = useProfile(username);
  if (profile.error) {
    return profile.error instanceof ApiProblem && profile.error.status === 404 ? (
      <main className="narrow">
        <h1>No such profile</h1>
        <p>
          No one has the username <strong>@{username}</strong>. They may have changed it, or deleted their account.
        </p>
        <p>
          <Link to="/all">Look through everyone’s posts</Link>
        </p>
      </main>
    ) : (
      <main className="narrow">
        <h1>Profile</h1>
        <FormError message={profile.error.message} />
        <button type="button" onClick={() => void profile.refetch()}>
          Try again
        </button>
      </main>
    );
  }
  if (!profile.data) {
    return (
      <main>
        <p className="loading" role="status">
          Loading…
        </p>
      </main>
    );
  }
  return <ProfileView profile={profile.data} tab={tab} notice={notice} />;
}

function ProfileView({ profile, tab, notice }: { profile: Profile; tab: ProfileTab; notice?: string }) {
  const user = useUser();
  const own = profile.id === user.id;
  const { username } = profile;
  const base = profilePath(username);
  const tabs: [ProfileTab, string, string][] = [
    ['posts', base, count(profile.posts_count, 'post', 'posts')],
    ['followers', `${base}/followers`, count(profile.followers_count, 'follower', 'followers')],
    ['following', `${base}/following`, `${profile.following_count} following`],
  ];
  return (
    <main>
      <Notice message={notice} />
      <section className="profile" aria-labelledby="profile-name">
        <div className="profile-head">
          <div>
            <h1 id="profile-name">{profile.display_name || `@${username}`}</h1>
            <p className="meta">
              {profile.display_name && <span className="username">@{username}</span>}
              {profile.follows_you && !own && <span className="badge">Follows you</span>}
            </p>
          </div>
          {own ? (
            <Link to="/account" className="button">
              Edit your profile
            </Link>
          ) : (
            <FollowButton profile={profile} />
          )}
        </div>
        {profile.bio && (
          <p className="bio">
            <TextWithLinks text={profile.bio} />
          </p>
        )}
        <p className="meta joined">
          Joined <RelativeTime iso={profile.created_at} />
        </p>
        {!own && <BlockControl profile={profile} />}
      </section>
      <nav className="tabs" aria-label={`@${username}’s posts and people`}>
        {tabs.map(([name, to, label]) => (
          <Link key={name} to={to} aria-current={tab === name ? 'page' : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      {tab === 'posts' && (
        <PostList kind="profile" arg={username} label={`Posts by @${username}`} empty={<p>{own ? 'You have not written a post yet.' : `@${username} has not written a post yet.`}</p>} />
      )}
      {tab !== 'posts' && <People tab={tab} username={username} own={own} />}
    </main>
  );
}

function People({ tab, username, own }: { tab: 'followers' | 'following'; username: string; own: boolean }) {
  const list = usePeople(tab, username);
  const who = own ? 'You' : `@${username}`;
  return (
    <PeopleList
      list={list}
      label={tab === 'followers' ? `People who follow @${username}` : `People @${username} follows`}
      empty={<p>{tab === 'followers' ? `No one follows ${own ? 'you' : who} yet.` : `${who} ${own ? 'do' : 'does'} not follow anyone yet.`}</p>}
    />
  );
}

/** Follow or unfollow: shown at once, put back with a message if the server does not take it. */
function FollowButton({ profile }: { profile: Profile }) {
  const follow = useFollow(profile.username);
  const blocks = useBlocks();
  // Someone you blocked cannot be followed (the block ended the follows).
  if (blocks.data?.some((b) => b.id === profile.id)) return null;
  return (
    <div className="follow">
      <button type="button" className={profile.followed ? undefined : 'primary'} onClick={() => !follow.isPending && follow.mutate(!profile.followed)}>
        {profile.followed ? 'Unfollow' : 'Follow'}
        <span className="visually-hidden"> @{profile.username}</span>
      </button>
      {follow.error && (
        <p className="field-error" role="alert">
          {follow.error.message}
        </p>
      )}
    </div>
  );
}

/** Block (after a confirmation: it ends the follows both ways) or unblock. */
function BlockControl({ profile }: { profile: Profile }) {
  const blocks = useBlocks();
  const block = useBlock(profile.username);
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);
  if (!blocks.data) return null;
  const blocked = blocks.data.some((b) => b.id === profile.id);
  const name = `@${profile.username}`;
  const error = block.error && (
    <p className="field-error" role="alert">
      {block.error.message}
    </p>
  );
  if (blocked) {
    return (
      <div className="blocked">
        <p>You blocked {name}: you do not see each other’s posts and comments, and they cannot follow you.</p>
        <button type="button" disabled={block.isPending} onClick={() => block.mutate(false)}>
          Unblock {name}
        </button>
        {error}
      </div>
    );
  }
  if (!asking) {
    return (
      <p>
        <button type="button" className="link danger" onClick={() => setAsking(true)}>
          Block {name}
        </button>
      </p>
    );
  }
  return (
    <div className="confirm block-confirm" role="group" aria-label={`Block ${name}?`}>
      <span>
        Block {name}? You stop following each other, and neither of you sees the other’s posts or comments. They are not told.
      </span>
      <button
        type="button"
        ref={confirm}
        className="danger"
        disabled={block.isPending}
        onClick={() => block.mutate(true, { onSuccess: () => setAsking(false) })}
      >
        Yes, block
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
      {error}
    </div>
  );
}
