import { Link } from 'react-router';

export function formatDuration(ms: number | null | undefined): string {
  if (ms == null) return '';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export interface TileVideo {
  id: string;
  title: string;
  coverUrl?: string | null;
  durationMs?: number | null;
}

/** A video in a grid: its cover (with its duration) and title, linking to its page; `meta` is the line under the title. */
export function VideoTile({ video, meta }: { video: TileVideo; meta: string }) {
  return (
    <Link to={`/watch/${video.id}`} className="tile">
      <span className="cover">
        {video.coverUrl ? <img src={video.coverUrl} alt="" loading="lazy" width={320} height={180} /> : <span className="nocover" aria-hidden="true">▶</span>}
        {video.durationMs != null && <span className="duration">{formatDuration(video.durationMs)}</span>}
      </span>
      <span className="title">{video.title}</span>
      <span className="meta">{meta}</span>
    </Link>
  );
}
