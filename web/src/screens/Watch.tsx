import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { graphql } from '../__generated__';
import type { DanmakuFieldsFragment } from '../__generated__/graphql';
import { useAuth } from '../auth';
import { describeError } from '../errors';

graphql(`
  fragment DanmakuFields on Danmaku {
    id
    text
    timeMs
    color
    mode
  }
`);

const WatchDocument = graphql(`
  query Watch($id: ID!) {
    video(id: $id) {
      id
      title
      description
      tags
      playbackUrl
      coverUrl
      viewCount
      likeCount
      likedByMe
      commentCount
      createdAt
      uploader {
        id
        username
        displayName
      }
      comments(first: 50) {
        edges {
          node {
            id
            text
            createdAt
            author {
              id
              displayName
            }
          }
        }
      }
      danmakus(first: 1000) {
        ...DanmakuFields
      }
    }
  }
`);

const LikeDocument = graphql(`
  mutation Like($id: ID!) {
    likeVideo(id: $id) {
      id
      likeCount
      likedByMe
    }
  }
`);

const UnlikeDocument = graphql(`
  mutation Unlike($id: ID!) {
    unlikeVideo(id: $id) {
      id
      likeCount
      likedByMe
    }
  }
`);

const CommentDocument = graphql(`
  mutation AddComment($videoId: ID!, $text: String!) {
    addComment(videoId: $videoId, text: $text) {
      id
    }
  }
`);

const SendDanmakuDocument = graphql(`
  mutation SendDanmaku($videoId: ID!, $text: String!, $timeMs: Int!) {
    sendDanmaku(videoId: $videoId, text: $text, timeMs: $timeMs) {
      ...DanmakuFields
    }
  }
`);

const DanmakuAddedDocument = graphql(`
  subscription DanmakuAdded($videoId: ID!) {
    danmakuAdded(videoId: $videoId) {
      ...DanmakuFields
    }
  }
`);

const MyFoldersDocument = graphql(`
  query MyFolders {
    me {
      id
      favouriteFolders {
        id
        name
        videoCount
      }
    }
  }
`);

const NewFolderDocument = graphql(`
  mutation NewFolder($name: String!) {
    createFavouriteFolder(name: $name) {
      id
      name
      videoCount
    }
  }
`);

const AddToFolderDocument = graphql(`
  mutation AddToFavourites($folderId: ID!, $videoId: ID!) {
    addToFavourites(folderId: $folderId, videoId: $videoId) {
      id
      name
      videoCount
    }
  }
`);

const LANES = 8;

/** ☆ Favourite: pick one of the viewer's folders (or create one) and save the video into it. */
function FavouritePicker({ videoId }: { videoId: string }) {
  const [open, setOpen] = useState(false);
  const [{ data, error, fetching }, reexecute] = useQuery({ query: MyFoldersDocument, pause: !open, requestPolicy: 'network-only' });
  const [, createFolder] = useMutation(NewFolderDocument);
  const [{ fetching: saving }, add] = useMutation(AddToFolderDocument);
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [result, setResult] = useState<{ error?: string; saved?: string }>({});
  const ids = useId();
  const folders = data?.me?.favouriteFolders ?? [];
  const folderId = chosen || folders[0]?.id || '';

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    const created = await createFolder({ name: name.trim() });
    if (created.error || !created.data) {
      setResult({ error: describeError(created.error) });
      return;
    }
    setName('');
    setChosen(created.data.createFavouriteFolder.id);
    setResult({});
    reexecute({ requestPolicy: 'network-only' });
  };
  const save = async () => {
    if (!folderId) return;
    const saved = await add({ folderId, videoId });
    setResult(saved.error || !saved.data ? { error: describeError(saved.error) } : { saved: saved.data.addToFavourites.name });
  };

  return (
    <div className="fav">
      <button type="button" aria-expanded={open} aria-controls={`${ids}-p`} onClick={() => setOpen((v) => !v)}>
        ☆ Favourite
      </button>
      <div id={`${ids}-p`} className="fav-panel card" hidden={!open} role="group" aria-label="Save to a favourites folder">
        {error && <p role="alert" className="error">{describeError(error)}</p>}
        {fetching && !data && <p role="status">Loading folders…</p>}
        {data && (
          <>
            {folders.length > 0 ? (
              <div className="row">
                <label htmlFor={`${ids}-f`}>Folder</label>
                <select id={`${ids}-f`} value={folderId} onChange={(e) => setChosen(e.target.value)}>
                  {folders.map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.name} ({f.videoCount})
                    </option>
                  ))}
                </select>
                <button type="button" className="primary" disabled={saving} onClick={() => void save()}>
                  Save to folder
                </button>
              </div>
            ) : (
              <p className="hint">No folders yet: create one.</p>
            )}
            <form className="row" onSubmit={(e) => void create(e)}>
              <label htmlFor={`${ids}-n`} className="visually-hidden">
                New folder name
              </label>
              <input id={`${ids}-n`} placeholder="New folder name" maxLength={40} value={name} onChange={(e) => setName(e.target.value)} />
              <button type="submit">Create folder</button>
            </form>
          </>
        )}
        <p role="status" className={result.error ? 'error' : 'hint'}>
          {result.error ?? (result.saved ? <>Saved to “{result.saved}”. <Link to="/favourites">See favourites</Link></> : '')}
        </p>
      </div>
    </div>
  );
}

interface Flying {
  key: string;
  d: DanmakuFieldsFragment;
  lane: number;
}

/**
 * Danmaku over the player: each comment flies across (or sits at the top or
 * bottom) when playback reaches its time. Live ones from others join the list;
 * one close to the current time flies at once.
 */
function useDanmakuOverlay(video: React.RefObject<HTMLVideoElement | null>, all: DanmakuFieldsFragment[]) {
  const [flying, setFlying] = useState<Flying[]>([]);
  const lastMs = useRef(0);
  const lane = useRef(0);
  const seen = useRef(new Set<string>());

  const launch = useCallback((d: DanmakuFieldsFragment) => {
    lane.current = (lane.current + 1) % LANES;
    const key = `${d.id}:${Date.now()}`;
    setFlying((prev) => [...prev.slice(-40), { key, d, lane: lane.current }]);
  }, []);

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    const onTime = () => {
      const now = el.currentTime * 1000;
      // A jump (seek, loop) starts the window again instead of flooding the screen.
      if (now < lastMs.current || now - lastMs.current > 2000) lastMs.current = now - 1;
      for (const d of all) if (d.timeMs > lastMs.current && d.timeMs <= now) launch(d);
      lastMs.current = now;
    };
    el.addEventListener('timeupdate', onTime);
    return () => el.removeEventListener('timeupdate', onTime);
  }, [video, all, launch]);

  const land = useCallback((key: string) => setFlying((prev) => prev.filter((f) => f.key !== key)), []);
  /** A danmaku that arrived live: shown now if it belongs to about now. */
  const arrived = useCallback(
    (d: DanmakuFieldsFragment) => {
      if (seen.current.has(d.id)) return;
      seen.current.add(d.id);
      const now = (video.current?.currentTime ?? 0) * 1000;
      if (Math.abs(d.timeMs - now) < 2000) launch(d);
    },
    [launch, video],
  );
  return { flying, land, arrived };
}

export default function Watch() {
  const { id = '' } = useParams();
  const { me } = useAuth();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: WatchDocument, variables: { id } });
  const [, like] = useMutation(LikeDocument);
  const [, unlike] = useMutation(UnlikeDocument);
  const [, comment] = useMutation(CommentDocument);
  const [, sendDanmaku] = useMutation(SendDanmakuDocument);
  const [live, setLive] = useState<DanmakuFieldsFragment[]>([]);
  const [showDanmaku, setShowDanmaku] = useState(true);
  const [commentText, setCommentText] = useState('');
  const [danmakuText, setDanmakuText] = useState('');
  const [actionError, setActionError] = useState<string>();
  const player = useRef<HTMLVideoElement>(null);
  const ids = useId();
  // Arrived from Upload with content the server already had: nothing was sent.
  const instant = (useLocation().state as { instant?: boolean } | null)?.instant === true;

  const video = data?.video;
  const history = video?.danmakus;
  const all = useDanmakuList(history, live);
  const { flying, land, arrived } = useDanmakuOverlay(player, all);

  useSubscription({ query: DanmakuAddedDocument, variables: { videoId: id }, pause: !id }, (_prev: unknown, event) => {
    setLive((prev) => (prev.some((d) => d.id === event.danmakuAdded.id) ? prev : [...prev, event.danmakuAdded]));
    arrived(event.danmakuAdded);
    return event;
  });

  if (error) return <p role="alert" className="error">{describeError(error)}</p>;
  if (fetching && !data) return <p role="status">Loading…</p>;
  if (!video) return <p>This video does not exist or was removed. <Link to="/">Go home</Link></p>;

  const toggleLike = async () => {
    const result = video.likedByMe ? await unlike({ id: video.id }) : await like({ id: video.id });
    setActionError(describeError(result.error));
  };
  const submitComment = async (e: FormEvent) => {
    e.preventDefault();
    if (!commentText.trim()) return;
    const result = await comment({ videoId: video.id, text: commentText.trim() });
    setActionError(describeError(result.error));
    if (!result.error) {
      setCommentText('');
      // The first comment of a video is not in any cached answer: read the page again.
      reexecute({ requestPolicy: 'network-only' });
    }
  };
  const submitDanmaku = async (e: FormEvent) => {
    e.preventDefault();
    if (!danmakuText.trim()) return;
    const timeMs = Math.round((player.current?.currentTime ?? 0) * 1000);
    const result = await sendDanmaku({ videoId: video.id, text: danmakuText.trim(), timeMs });
    setActionError(describeError(result.error));
    if (result.data) {
      setDanmakuText('');
      const d = result.data.sendDanmaku;
      setLive((prev) => (prev.some((x) => x.id === d.id) ? prev : [...prev, d]));
      arrived(d);
    }
  };

  return (
    <article className="watch" aria-labelledby={`${ids}-t`}>
      <div className="stage">
        <video ref={player} src={video.playbackUrl} poster={video.coverUrl ?? undefined} controls playsInline preload="metadata" aria-label={`Video: ${video.title}`} />
        {showDanmaku && (
          <div className="danmaku-layer" aria-hidden="true">
            {flying.map((f) => (
              <span
                key={f.key}
                className={`danmaku ${f.d.mode.toLowerCase()}`}
                style={{ color: f.d.color, top: f.d.mode === 'BOTTOM' ? undefined : `${(f.lane * 100) / LANES}%`, bottom: f.d.mode === 'BOTTOM' ? `${(f.lane % 3) * 12}%` : undefined }}
                onAnimationEnd={() => land(f.key)}
              >
                {f.d.text}
              </span>
            ))}
          </div>
        )}
      </div>
      <div className="danmaku-bar">
        <button type="button" aria-pressed={showDanmaku} onClick={() => setShowDanmaku((v) => !v)}>
          Danmaku {showDanmaku ? 'on' : 'off'}
        </button>
        {me ? (
          <form className="row" onSubmit={(e) => void submitDanmaku(e)}>
            <label htmlFor={`${ids}-dm`} className="visually-hidden">
              Send a danmaku at the current time
            </label>
            <input id={`${ids}-dm`} placeholder="Send a danmaku" maxLength={100} value={danmakuText} onChange={(e) => setDanmakuText(e.target.value)} />
            <button type="submit">Send</button>
          </form>
        ) : (
          <span className="hint">
            <Link to="/signin">Sign in</Link> to send danmaku
          </span>
        )}
      </div>
      {instant && (
        <p role="status" className="notice">
          ⚡ Published instantly: the server already had this file, so nothing was uploaded.
        </p>
      )}
      <h1 id={`${ids}-t`}>{video.title}</h1>
      <p className="meta">
        <Link to={`/u/${video.uploader.username}`}>{video.uploader.displayName}</Link> · {video.viewCount} views · {new Date(video.createdAt).toLocaleDateString()}
      </p>
      <div className="row">
        <button type="button" aria-pressed={video.likedByMe} disabled={!me} onClick={() => void toggleLike()} title={me ? undefined : 'Sign in to like'}>
          {video.likedByMe ? '♥ Liked' : '♡ Like'} · {video.likeCount}
        </button>
        {me && <FavouritePicker videoId={video.id} />}
      </div>
      {actionError && (
        <p role="alert" className="error">
          {actionError}
        </p>
      )}
      {video.description && <p className="description">{video.description}</p>}
      <section aria-labelledby={`${ids}-c`}>
        <h2 id={`${ids}-c`}>Comments ({video.commentCount})</h2>
        {me && (
          <form className="row" onSubmit={(e) => void submitComment(e)}>
            <label htmlFor={`${ids}-cm`} className="visually-hidden">
              Add a comment
            </label>
            <input id={`${ids}-cm`} placeholder="Add a comment" maxLength={1000} value={commentText} onChange={(e) => setCommentText(e.target.value)} />
            <button type="submit">Comment</button>
          </form>
        )}
        <ul className="comments">
          {video.comments.edges.map(({ node: c }) => (
            <li key={c.id}>
              <span className="sender">{c.author.displayName}</span> {c.text}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

function useDanmakuList(history: DanmakuFieldsFragment[] | undefined, live: DanmakuFieldsFragment[]): DanmakuFieldsFragment[] {
  return useMemo(() => [...new Map([...(history ?? []), ...live].map((d) => [d.id, d])).values()], [history, live]);
}
