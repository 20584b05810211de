import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../__generated__';
import { describeError } from '../errors';

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

export function formatDuration(ms: number | null | undefined): string {
  if (ms == null) return '';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

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
            <Link to={`/watch/${v.id}`} className="tile">
              <span className="cover">
                {v.coverUrl ? <img src={v.coverUrl} alt="" loading="lazy" width={320} height={180} /> : <span className="nocover" aria-hidden="true">▶</span>}
                {v.durationMs != null && <span className="duration">{formatDuration(v.durationMs)}</span>}
              </span>
              <span className="title">{v.title}</span>
              <span className="meta">
                {v.uploader.displayName} · {v.viewCount} views
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
