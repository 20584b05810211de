import { useCallback, useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { graphql } from '../../__generated__';
import { useAuth, type Me } from '../../auth';
import { MessageEventsDocument } from '../../live';

const ConversationsDocument = graphql(`
  query Conversations {
    conversations(first: 50) {
      edges {
        node {
          id
          kind
          title
          unreadCount
          lastSeq
          lastReadSeq
          members {
            id
            username
            displayName
          }
          lastMessage {
            id
            text
            recalled
            sender {
              id
              displayName
            }
          }
        }
      }
    }
  }
`);

export type Conversation = NonNullable<ReturnType<typeof useConversations>['conversations']>[number];

/**
 * `fn` at once, then at most once per `ms` while calls keep coming; a call in
 * between is never lost, it runs at the end of the window. A burst of messages
 * costs a few refreshes instead of one (or two requests) per message.
 */
export function useCoalesced(fn: () => void, ms: number): () => void {
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  const state = useRef<{ timer?: ReturnType<typeof setTimeout>; pending: boolean }>({ pending: false });
  useEffect(() => () => clearTimeout(state.current.timer), []);
  return useCallback(() => {
    const s = state.current;
    if (s.timer) {
      s.pending = true;
      return;
    }
    latest.current();
    const tick = () => {
      if (!s.pending) {
        s.timer = undefined;
        return;
      }
      s.pending = false;
      latest.current();
      s.timer = setTimeout(tick, ms);
    };
    s.timer = setTimeout(tick, ms);
  }, [ms]);
}

export function useConversations() {
  const [{ data, error, fetching }, reexecute] = useQuery({ query: ConversationsDocument });
  const { reload: reloadMe } = useAuth();
  const refresh = useCoalesced(() => {
    reexecute({ requestPolicy: 'network-only' });
    reloadMe();
  }, 1000);
  // Any message in any conversation: refresh the list (order, last message, unread badges) and the header's count.
  useSubscription({ query: MessageEventsDocument, variables: {} }, (_prev: unknown, event) => {
    if (event.messageEvents.kind !== 'READ') refresh();
    return event;
  });
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  return { conversations: data?.conversations.edges.map((e) => e.node), error, fetching, reload };
}

export function conversationName(c: Conversation, me: Me): string {
  if (c.title) return c.title;
  const others = c.members.filter((m) => m.id !== me.id);
  return others.map((m) => m.displayName).join(', ') || 'Just you';
}

export function ConversationList({ conversations, me, selected }: { conversations: Conversation[]; me: Me; selected?: string }) {
  if (!conversations.length) return <p className="hint">No conversations yet.</p>;
  return (
    <ul className="conversations" aria-label="Conversations">
      {conversations.map((c) => {
        const name = conversationName(c, me);
        return (
          <li key={c.id}>
            <Link to={`/chat/${c.id}`} aria-current={c.id === selected ? 'page' : undefined}>
              <span className="name">{name}</span>
              {c.unreadCount > 0 && (
                <span className="badge">
                  {c.unreadCount}
                  <span className="visually-hidden"> unread</span>
                </span>
              )}{' '}
              <span className="last">{c.lastMessage ? (c.lastMessage.recalled ? 'Message recalled' : c.lastMessage.text) : 'No messages yet'}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
