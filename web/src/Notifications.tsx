/**
 * The notifications bell in the header: the unread count, kept live by
 * `notificationAdded(afterId)`, and the inbox it opens. Opening the list marks
 * every notification read.
 *
 * The subscription starts after the newest notification loaded (the nil UUID
 * for an empty inbox, which replays all of them), and `afterId` is a getter:
 * graphql-ws re-sends the payload after a dropped socket with the newest id
 * received by then, so the gateway replays exactly what was missed. A
 * subscription that ends (an upstream restart, an expired session) is started
 * again after a back-off from the same position.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from './__generated__';
import type { NotificationFieldsFragment } from './__generated__/graphql';
import { resumable } from './live';

graphql(`
  fragment NotificationFields on Notification {
    id
    kind
    read
    text
    createdAt
    actor {
      id
      displayName
    }
    video {
      id
    }
  }
`);

const InboxDocument = graphql(`
  query Inbox {
    me {
      id
      unreadNotificationCount
    }
    notifications(first: 20) {
      edges {
        node {
          ...NotificationFields
        }
      }
    }
  }
`);

const NotificationAddedDocument = graphql(`
  subscription NotificationAdded($afterId: ID) {
    notificationAdded(afterId: $afterId) {
      ...NotificationFields
    }
  }
`);

const MarkReadDocument = graphql(`
  mutation MarkNotificationsRead {
    markNotificationsRead
  }
`);

type Item = NotificationFieldsFragment;

/** Replays every notification: the cursor for an empty inbox. */
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

function describe(n: Item): string {
  const who = n.actor?.displayName ?? 'Someone';
  const about = n.text ? `: “${n.text}”` : '';
  switch (n.kind) {
    case 'FOLLOW':
      return `${who} followed you`;
    case 'VIDEO_LIKED':
      return `${who} liked your video${about}`;
    case 'COMMENT_ON_VIDEO':
      return `${who} commented on your video${about}`;
    case 'COMMENT_REPLY':
      return `${who} replied to your comment${about}`;
    case 'NEW_VIDEO':
      return `${who} published a video${about}`;
    default:
      return `${who}${about}`;
  }
}

/** Follows `notificationAdded` from `afterId` on, resuming after the newest one received. */
function liveNotifications(afterId: string, onNotification: (n: Item) => void): () => void {
  let last = afterId;
  return resumable({
    document: NotificationAddedDocument,
    variables: {
      get afterId() {
        return last;
      },
    },
    pick: (data) => data.notificationAdded,
    onItem: (n) => {
      last = n.id;
      onNotification(n);
    },
  });
}

export function NotificationsBell() {
  const [{ data, error }] = useQuery({ query: InboxDocument, requestPolicy: 'network-only' });
  const [, markRead] = useMutation(MarkReadDocument);
  const [items, setItems] = useState<Item[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const known = useRef(new Set<string>());
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!data) return;
    const first: Item[] = data.notifications.edges.map((e) => e.node);
    known.current = new Set(first.map((n) => n.id));
    setItems(first);
    setUnread(data.me?.unreadNotificationCount ?? first.filter((n) => !n.read).length);
    // Newest first: the first one is where the live stream continues.
    return liveNotifications(first[0]?.id ?? NIL_UUID, (n) => {
      if (known.current.has(n.id)) return;
      known.current.add(n.id);
      setItems((prev) => [n, ...prev]);
      if (!n.read) setUnread((u) => u + 1);
    });
  }, [data]);

  const toggle = useCallback(() => {
    setOpen(!open);
    if (open) return;
    void markRead({}).then((result) => {
      if (result.error) return;
      setUnread(0);
      setItems((prev) => prev.map((n) => (n.read ? n : { ...n, read: true })));
    });
  }, [open, markRead]);

  // Escape or a click elsewhere closes the list.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    const onClick = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, [open]);

  return (
    <div className="bell" ref={root}>
      <button type="button" aria-expanded={open} aria-controls={panelId} onClick={toggle}>
        <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6v-5c0-3.07-1.64-5.64-4.5-6.32V4a1.5 1.5 0 0 0-3 0v.68C7.63 5.36 6 7.92 6 11v5l-2 2v1h16v-1l-2-2z" />
        </svg>
        <span className="visually-hidden">Notifications</span>
        {unread ? (
          <span className="badge">
            {unread}
            <span className="visually-hidden"> unread</span>
          </span>
        ) : null}
      </button>
      <div id={panelId} className="bell-panel" hidden={!open} role="region" aria-label="Notifications">
        {error && !data ? <p className="error">Notifications could not be loaded.</p> : null}
        {items.length === 0 ? (
          <p className="hint">No notifications yet.</p>
        ) : (
          <ul className="notifications">
            {items.map((n) => (
              <li key={n.id} className={n.read ? undefined : 'unread'}>
                {n.video ? (
                  <Link to={`/watch/${n.video.id}`} onClick={() => setOpen(false)}>
                    {describe(n)}
                  </Link>
                ) : (
                  <span>{describe(n)}</span>
                )}
                <time className="meta" dateTime={n.createdAt}>
                  {new Date(n.createdAt).toLocaleString()}
                </time>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
