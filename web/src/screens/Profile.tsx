import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../__generated__';
import type { Visibility } from '../__generated__/graphql';
import { useAuth } from '../auth';
import { describeError } from '../errors';

const ProfileDocument = graphql(`
  query Profile($username: String!) {
    userByUsername(username: $username) {
      id
      username
      displayName
      bio
      avatarUrl
      followerCount
      followingCount
      followedByMe
      followers(first: 20) {
        edges {
          node {
            id
            username
            displayName
          }
        }
      }
      favouriteFolders {
        id
        name
        videoCount
      }
      videos(first: 12) {
        edges {
          node {
            id
            title
          }
        }
      }
    }
  }
`);

const PrivacyDocument = graphql(`
  query MyPrivacy {
    me {
      id
      privacy {
        favourites
        follows
      }
    }
  }
`);

const UpdateProfileDocument = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      id
      displayName
      bio
      avatarUrl
    }
  }
`);

const UpdatePrivacyDocument = graphql(`
  mutation UpdatePrivacy($input: PrivacySettingsInput!) {
    updatePrivacy(input: $input) {
      favourites
      follows
    }
  }
`);

const FollowDocument = graphql(`
  mutation Follow($userId: ID!) {
    follow(userId: $userId) {
      id
      followerCount
      followedByMe
    }
  }
`);

const UnfollowDocument = graphql(`
  mutation Unfollow($userId: ID!) {
    unfollow(userId: $userId) {
      id
      followerCount
      followedByMe
    }
  }
`);

const VISIBILITY: { value: Visibility; label: string }[] = [
  { value: 'EVERYONE', label: 'Everyone' },
  { value: 'FOLLOWERS', label: 'My followers' },
  { value: 'ONLY_ME', label: 'Only me' },
];

/** The avatar the server takes: PNG, JPEG, GIF or WebP, at most 2 MB. */
const AVATAR_MAX = 2 * 1024 * 1024;

function EditProfile({ user, onSaved }: { user: { displayName: string; bio: string; avatarUrl?: string | null }; onSaved(): void }) {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [bio, setBio] = useState(user.bio);
  const [avatar, setAvatar] = useState<File>();
  const [state, setState] = useState<{ error?: string; saved?: boolean }>({});
  const [{ fetching }, update] = useMutation(UpdateProfileDocument);
  const { reload } = useAuth();
  const ids = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (avatar && avatar.size > AVATAR_MAX) {
      setState({ error: 'The picture is larger than 2 MB.' });
      return;
    }
    const result = await update({ input: { displayName: displayName.trim(), bio, ...(avatar ? { avatar } : {}) } });
    if (result.error) {
      setState({ error: describeError(result.error) });
      return;
    }
    setAvatar(undefined);
    setState({ saved: true });
    reload();
    onSaved();
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>Edit profile</h2>
      <label htmlFor={`${ids}-n`}>Display name</label>
      <input id={`${ids}-n`} required maxLength={40} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      <label htmlFor={`${ids}-b`}>Bio</label>
      <textarea id={`${ids}-b`} maxLength={500} rows={3} value={bio} onChange={(e) => setBio(e.target.value)} />
      <label htmlFor={`${ids}-a`}>Avatar (PNG, JPEG, GIF or WebP, up to 2 MB)</label>
      <input id={`${ids}-a`} type="file" accept="image/png,image/jpeg,image/gif,image/webp" onChange={(e) => setAvatar(e.target.files?.[0])} />
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={fetching}>
          {fetching ? 'Saving…' : 'Save profile'}
        </button>
        {state.saved && !fetching && (
          <span role="status" className="hint">
            Profile saved.
          </span>
        )}
      </div>
    </form>
  );
}

function PrivacySettings() {
  const [{ data, error, fetching }] = useQuery({ query: PrivacyDocument, requestPolicy: 'network-only' });
  const [saved, setSaved] = useState<{ error?: string; ok?: boolean }>({});
  const [, update] = useMutation(UpdatePrivacyDocument);
  const ids = useId();
  const privacy = data?.me?.privacy;
  const change = async (field: 'favourites' | 'follows', value: Visibility) => {
    const result = await update({ input: { [field]: value } });
    setSaved(result.error ? { error: describeError(result.error) } : { ok: true });
  };
  return (
    <section className="stack" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>Privacy</h2>
      {error && <p role="alert" className="error">{describeError(error)}</p>}
      {fetching && !data && <p role="status">Loading…</p>}
      {privacy && (
        <>
          <label htmlFor={`${ids}-fo`}>Who may see whom I follow and who follows me</label>
          <select id={`${ids}-fo`} value={privacy.follows} onChange={(e) => void change('follows', e.target.value as Visibility)}>
            {VISIBILITY.map((v) => (
              <option key={v.value} value={v.value}>
                {v.label}
              </option>
            ))}
          </select>
          <label htmlFor={`${ids}-fa`}>Who may see my favourites</label>
          <select id={`${ids}-fa`} value={privacy.favourites} onChange={(e) => void change('favourites', e.target.value as Visibility)}>
            {VISIBILITY.map((v) => (
              <option key={v.value} value={v.value}>
                {v.label}
              </option>
            ))}
          </select>
          <p role="status" className={saved.error ? 'error' : 'hint'}>
            {saved.error ?? (saved.ok ? 'Privacy saved.' : '')}
          </p>
        </>
      )}
    </section>
  );
}

export default function Profile() {
  const { username = '' } = useParams();
  const { me } = useAuth();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: ProfileDocument, variables: { username } });
  const [{ fetching: following }, follow] = useMutation(FollowDocument);
  const [, unfollow] = useMutation(UnfollowDocument);
  const [actionError, setActionError] = useState<string>();
  const ids = useId();
  const user = data?.userByUsername;
  const own = !!me && !!user && me.id === user.id;
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  useEffect(() => setActionError(undefined), [username]);

  if (error && !data) return <p role="alert" className="error">{describeError(error)}</p>;
  if (fetching && !data) return <p role="status">Loading…</p>;
  if (!user) return <p>No user named “{username}”. <Link to="/">Go home</Link></p>;

  const toggleFollow = async () => {
    const result = user.followedByMe ? await unfollow({ userId: user.id }) : await follow({ userId: user.id });
    setActionError(describeError(result.error));
    // The follower list changes too: read the page again.
    if (!result.error) reload();
  };

  const followers = user.followers?.edges.map((e) => e.node);
  const videos = user.videos.edges.map((e) => e.node);
  return (
    <div className="profile">
      <section className="card" aria-labelledby={`${ids}-h`}>
        <div className="profile-head">
          {user.avatarUrl ? <img className="avatar" src={user.avatarUrl} alt={`${user.displayName}’s avatar`} width={96} height={96} /> : <span className="avatar none" aria-hidden="true">{user.displayName.slice(0, 1).toUpperCase()}</span>}
          <div>
            <h1 id={`${ids}-h`}>{user.displayName}</h1>
            <p className="meta">@{user.username}</p>
            <p className="counts">
              <span data-testid="followers">
                <strong>{user.followerCount}</strong> {user.followerCount === 1 ? 'follower' : 'followers'}
              </span>{' '}
              ·{' '}
              <span>
                <strong>{user.followingCount}</strong> following
              </span>
            </p>
          </div>
          {me && !own && (
            <button type="button" className={user.followedByMe ? undefined : 'primary'} aria-pressed={user.followedByMe} disabled={following} onClick={() => void toggleFollow()}>
              {user.followedByMe ? 'Following' : 'Follow'}
            </button>
          )}
        </div>
        {user.bio && <p className="bio">{user.bio}</p>}
        {actionError && (
          <p role="alert" className="error">
            {actionError}
          </p>
        )}
        <h2>Followers</h2>
        {followers === null || followers === undefined ? (
          <p className="hint">Hidden by {own ? 'your' : 'their'} privacy settings.</p>
        ) : followers.length ? (
          <ul className="people" aria-label="Followers">
            {followers.map((f) => (
              <li key={f.id}>
                <Link to={`/u/${f.username}`}>{f.displayName}</Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">No followers yet.</p>
        )}
        <h2>Favourites</h2>
        {user.favouriteFolders ? (
          user.favouriteFolders.length ? (
            <ul className="people">
              {user.favouriteFolders.map((f) => (
                <li key={f.id}>
                  {own ? <Link to={`/favourites#${f.id}`}>{f.name}</Link> : f.name} ({f.videoCount})
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">No public folders.</p>
          )
        ) : (
          <p className="hint">Hidden by their privacy settings.</p>
        )}
        <h2>Videos</h2>
        {videos.length ? (
          <ul className="people">
            {videos.map((v) => (
              <li key={v.id}>
                <Link to={`/watch/${v.id}`}>{v.title}</Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">No videos yet.</p>
        )}
      </section>
      {own && (
        <div className="card settings">
          <EditProfile key={user.id} user={user} onSaved={reload} />
          <PrivacySettings />
        </div>
      )}
    </div>
  );
}
