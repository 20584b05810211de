import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../__generated__';
import { describeError } from '../errors';
import { VideoTile } from './VideoTile';

const MyFavouritesDocument = graphql(`
  query MyFavourites {
    me {
      id
      favouriteFolders {
        id
        name
        isPublic
        videoCount
        videos(first: 50) {
          edges {
            node {
              id
              title
              coverUrl
              durationMs
              uploader {
                id
                displayName
              }
            }
          }
        }
      }
    }
  }
`);

const CreateFolderDocument = graphql(`
  mutation CreateFavouriteFolder($name: String!, $isPublic: Boolean!) {
    createFavouriteFolder(name: $name, isPublic: $isPublic) {
      id
      name
      isPublic
      videoCount
    }
  }
`);

const RemoveFromFolderDocument = graphql(`
  mutation RemoveFromFavourites($folderId: ID!, $videoId: ID!) {
    removeFromFavourites(folderId: $folderId, videoId: $videoId) {
      id
      videoCount
    }
  }
`);

export default function Favourites() {
  const [{ data, error, fetching }, reexecute] = useQuery({ query: MyFavouritesDocument, requestPolicy: 'network-only' });
  const [, create] = useMutation(CreateFolderDocument);
  const [, remove] = useMutation(RemoveFromFolderDocument);
  const [name, setName] = useState('');
  const [isPublic, setPublic] = useState(true);
  const [actionError, setActionError] = useState<string>();
  const ids = useId();
  const folders = data?.me?.favouriteFolders ?? [];
  const reload = () => reexecute({ requestPolicy: 'network-only' });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    const result = await create({ name: name.trim(), isPublic });
    setActionError(describeError(result.error));
    if (!result.error) {
      setName('');
      reload();
    }
  };
  const drop = async (folderId: string, videoId: string) => {
    const result = await remove({ folderId, videoId });
    setActionError(describeError(result.error));
    if (!result.error) reload();
  };

  return (
    <section className="favourites" aria-labelledby={`${ids}-h`}>
      <h1 id={`${ids}-h`}>Favourites</h1>
      <form className="card stack" onSubmit={(e) => void submit(e)}>
        <label htmlFor={`${ids}-n`}>New folder</label>
        <div className="row">
          <input id={`${ids}-n`} maxLength={40} placeholder="Folder name" value={name} onChange={(e) => setName(e.target.value)} />
          <label className="check">
            <input type="checkbox" checked={isPublic} onChange={(e) => setPublic(e.target.checked)} /> Public
          </label>
          <button type="submit">Create folder</button>
        </div>
      </form>
      {(error || actionError) && (
        <p role="alert" className="error">
          {actionError ?? describeError(error)}
        </p>
      )}
      {fetching && !data && <p role="status">Loading…</p>}
      {data && folders.length === 0 && <p>No folders yet. Create one here, or with ☆ Favourite on a video’s page.</p>}
      {folders.map((f) => (
        <section key={f.id} id={f.id} className="card folder" aria-labelledby={`${ids}-${f.id}`}>
          <h2 id={`${ids}-${f.id}`}>
            {f.name} <span className="meta">· {f.videoCount} {f.videoCount === 1 ? 'video' : 'videos'} · {f.isPublic ? 'public' : 'private'}</span>
          </h2>
          {f.videos.edges.length === 0 ? (
            <p className="hint">Empty.</p>
          ) : (
            <ul className="folder-videos" aria-label={`Videos in ${f.name}`}>
              {f.videos.edges.map(({ node: v }) => (
                <li key={v.id}>
                  <VideoTile video={v} meta={v.uploader.displayName} />
                  <button type="button" onClick={() => void drop(f.id, v.id)} aria-label={`Remove ${v.title} from ${f.name}`}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}
