import { useQuery } from 'urql';
import { graphql } from '../__generated__';
import { describeError } from '../errors';
import { VideoTile } from './VideoTile';

const LatestVideosDocument = graphql(`
  query LatestVideos($first: Int!) {
    videos(first: $first) {
      edges {
        node {
          id
          title
          coverUrl
          durationMs
          viewCount
          createdAt
          uploader {
            id
            displayName
          }
        }
      }
    }
  }
`);

export function Home() {
  const [{ data, error, fetching }] = useQuery({ query: LatestVideosDocument, variables: { first: 24 } });
  const videos = data?.videos.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="home-h">
      <h1 id="home-h">Latest videos</h1>
      {error && <p role="alert" className="error">{describeError(error)}</p>}
      {fetching && !data && <p role="status">Loading…</p>}
      {data && videos.length === 0 && <p>No videos yet.</p>}
      <ul className="grid">
        {videos.map((v) => (
          <li key={v.id}>
            <VideoTile video={v} meta={`${v.uploader.displayName} · ${v.viewCount} views`} />
          </li>
        ))}
      </ul>
    </section>
  );
}
