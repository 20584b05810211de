import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import { graphql } from '../../__generated__';
import type { MessageFieldsFragment } from '../../__generated__/graphql';
import { useAuth, type Me } from '../../auth';
import { describeError } from '../../errors';
import { liveMessages, type MessageEvent } from '../../live';
import { conversationName, useCoalesced, type Conversation } from './conversations';

const HistoryDocument = graphql(`
  query History($conversationId: ID!, $beforeSeq: Int!) {
    messages(conversationId: $conversationId, beforeSeq: $beforeSeq, first: 50) {
      ...MessageFields
    }
  }
`);

const SendDocument = graphql(`
  mutation SendMessage($conversationId: ID!, $text: String!, $clientMessageId: String!) {
    sendMessage(conversationId: $conversationId, text: $text, clientMessageId: $clientMessageId) {
      ...MessageFields
    }
  }
`);

const MarkReadDocument = graphql(`
  mutation MarkRead($conversationId: ID!, $seq: Int!) {
    markRead(conversationId: $conversationId, seq: $seq) {
      id
      unreadCount
    }
  }
`);

const RecallDocument = graphql(`
  mutation RecallMessage($messageId: ID!) {
    recallMessage(messageId: $messageId) {
      ...MessageFields
    }
  }
`);

const BlockedDocument = graphql(`
  query BlockedUsers {
    blockedUsers {
      id
    }
  }
`);

const BlockDocument = graphql(`
  mutation BlockUser($userId: ID!) {
    blockUser(userId: $userId)
  }
`);

const UnblockDocument = graphql(`
  mutation UnblockUser($userId: ID!) {
    unblockUser(userId: $userId)
  }
`);

const NEWEST = 2 ** 31 - 1;
/** How long after sending a message its sender may recall it (the server's CHAT_RECALL_WINDOW_SECONDS default). */
const RECALL_WINDOW_MS = 120_000;

/** Block or unblock the other person of a direct conversation: their messages to you are refused while blocked. */
function BlockButton({ userId, name }: { userId: string; name: string }) {
  const [{ data }, reexecute] = useQuery({ query: BlockedDocument, requestPolicy: 'network-only' });
  const [{ fetching: blocking }, block] = useMutation(BlockDocument);
  const [{ fetching: unblocking }, unblock] = useMutation(UnblockDocument);
  const [error, setError] = useState<string>();
  if (!data) return null;
  const blocked = data.blockedUsers.some((u) => u.id === userId);
  const toggle = async () => {
    const result = blocked ? await unblock({ userId }) : await block({ userId });
    setError(describeError(result.error));
    reexecute({ requestPolicy: 'network-only' });
  };
  return (
    <>
      <button type="button" aria-pressed={blocked} disabled={blocking || unblocking} onClick={() => void toggle()} title={blocked ? `${name} cannot message you` : undefined}>
        {blocked ? `Unblock ${name}` : `Block ${name}`}
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </>
  );
}

interface Pending {
  clientMessageId: string;
  text: string;
  failed?: string;
}

export function ConversationView({ conversation, me }: { conversation: Conversation; me: Me }) {
  const conversationId = conversation.id;
  const client = useClient();
  const [historyError, setHistoryError] = useState<string>();
  const [messages, setMessages] = useState<Map<number, MessageFieldsFragment>>(new Map());
  const [pending, setPending] = useState<Pending[]>([]);
  const [state, setState] = useState<'live' | 'reconnecting'>('live');
  const [text, setText] = useState('');
  const [, send] = useMutation(SendDocument);
  const [, markRead] = useMutation(MarkReadDocument);
  const [, recall] = useMutation(RecallDocument);
  const [actionError, setActionError] = useState<string>();
  /** Other members' read positions (READ events, replayed on subscribing), for read receipts. */
  const [reads, setReads] = useState<Map<string, number>>(new Map());
  const { reload } = useAuth();
  const list = useRef<HTMLOListElement>(null);
  const inputId = useId();

  const add = useCallback((m: MessageFieldsFragment) => {
    setMessages((prev) => {
      if (prev.get(m.seq)?.recalled === m.recalled && prev.has(m.seq)) return prev;
      const next = new Map(prev);
      next.set(m.seq, m);
      return next;
    });
    if (m.clientMessageId) setPending((prev) => prev.filter((p) => p.clientMessageId !== m.clientMessageId));
  }, []);

  // History first, then live from its last message: the gateway replays anything in between.
  // (Read once, not through a cached query: each sent message would otherwise refetch it.)
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    void client
      .query(HistoryDocument, { conversationId, beforeSeq: NEWEST }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((history) => {
        if (cancelled) return;
        const loaded = history.data?.messages;
        if (!loaded) {
          setHistoryError(describeError(history.error));
          return;
        }
        setMessages(new Map(loaded.map((m) => [m.seq, m])));
        stop = liveMessages({
          conversationId,
          afterSeq: loaded.at(-1)?.seq ?? 0,
          onState: setState,
          onEvent: (event: MessageEvent) => {
            if (event.message) add(event.message);
            const reader = event.reader?.id;
            const readSeq = event.readSeq;
            if (event.kind === 'READ' && reader && reader !== me.id && readSeq != null) {
              setReads((prev) => ((prev.get(reader) ?? 0) >= readSeq ? prev : new Map(prev).set(reader, readSeq)));
            }
          },
        });
      });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [client, conversationId, add, me.id]);

  const sorted = useMemo(() => [...messages.values()].sort((a, b) => a.seq - b.seq), [messages]);
  const newest = sorted.at(-1)?.seq ?? 0;

  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [sorted.length, pending]);

  // Seen while open: mark read (the list's badge and the header's count follow), coalesced during a burst.
  const marked = useRef(conversation.lastReadSeq);
  const newestRef = useRef(newest);
  newestRef.current = newest;
  const markNewest = useCoalesced(() => {
    const seq = newestRef.current;
    if (seq <= marked.current) return;
    marked.current = seq;
    void markRead({ conversationId, seq }).then(reload);
  }, 500);
  useEffect(() => {
    if (newest > marked.current) markNewest();
  }, [newest, markNewest]);

  const deliver = async (p: Pending) => {
    const result = await send({ conversationId, text: p.text, clientMessageId: p.clientMessageId });
    if (result.data) add(result.data.sendMessage);
    else setPending((prev) => prev.map((q) => (q.clientMessageId === p.clientMessageId ? { ...q, failed: describeError(result.error) } : q)));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = text.trim();
    if (!body) return;
    // Shown at once; the id makes a retried send return the stored message instead of a second one.
    const p: Pending = { clientMessageId: crypto.randomUUID(), text: body };
    setPending((prev) => [...prev, p]);
    setText('');
    void deliver(p);
  };

  const doRecall = async (m: MessageFieldsFragment) => {
    const result = await recall({ messageId: m.id });
    setActionError(describeError(result.error));
    if (result.data) add(result.data.recallMessage);
  };

  // The receipt goes under my newest message: "Seen" once the other person (or, in a group, how many) read up to it.
  const lastMine = [...sorted].reverse().find((m) => m.sender.id === me.id);
  const seenBy = lastMine ? [...reads.values()].filter((seq) => seq >= lastMine.seq).length : 0;
  const others = conversation.members.filter((m) => m.id !== me.id);
  const receipt = !lastMine ? undefined : seenBy === 0 ? 'Sent' : conversation.kind === 'GROUP' ? `Seen by ${seenBy} of ${others.length}` : 'Seen';
  const now = Date.now();

  const retry = (p: Pending) => {
    setPending((prev) => prev.map((q) => (q.clientMessageId === p.clientMessageId ? { clientMessageId: q.clientMessageId, text: q.text } : q)));
    void deliver(p);
  };

  return (
    <section className="conversation" aria-labelledby="conv-h">
      <div className="conv-head">
        <Link to="/chat" className="back" aria-label="Back to conversations">
          ←
        </Link>
        <h2 id="conv-h">
          {conversationName(conversation, me)}
          {conversation.kind === 'GROUP' && <span className="meta"> · {conversation.members.length} members</span>}
        </h2>
        {conversation.kind === 'DIRECT' && others[0] && <BlockButton userId={others[0].id} name={others[0].displayName} />}
        {state === 'reconnecting' && (
          <span role="status" className="hint">
            Reconnecting…
          </span>
        )}
      </div>
      {historyError && <p role="alert" className="error">{historyError}</p>}
      {actionError && <p role="alert" className="error">{actionError}</p>}
      {/* Focusable: the list scrolls, and keyboard users scroll it with the arrow keys. */}
      <ol className="messages" ref={list} tabIndex={0} aria-label="Messages" aria-live="polite" aria-relevant="additions">
        {sorted.map((m) => (
          <li key={m.seq} className={m.sender.id === me.id ? 'mine' : 'theirs'} data-seq={m.seq}>
            <span className="sender">{m.sender.id === me.id ? 'You' : m.sender.displayName}</span>
            <span className="text">{m.recalled ? <em>Message recalled</em> : m.text}</span>
            {m.sender.id === me.id && !m.recalled && now - Date.parse(m.createdAt) < RECALL_WINDOW_MS && (
              <button type="button" className="link" onClick={() => void doRecall(m)} aria-label={`Recall “${m.text ?? ''}”`}>
                Recall
              </button>
            )}
            {m === lastMine && receipt && (
              <span className="receipt" data-testid="receipt">
                {receipt}
              </span>
            )}
          </li>
        ))}
        {pending.map((p) => (
          <li key={p.clientMessageId} className="mine pending" data-pending="true">
            <span className="sender">You</span>
            <span className="text">{p.text}</span>
            {p.failed ? (
              <span className="error">
                Not sent: {p.failed}{' '}
                <button type="button" onClick={() => retry(p)}>
                  Retry
                </button>
              </span>
            ) : (
              <span className="hint">Sending…</span>
            )}
          </li>
        ))}
      </ol>
      <form className="composer" onSubmit={submit}>
        <label htmlFor={inputId} className="visually-hidden">
          Message
        </label>
        <input id={inputId} name="message" placeholder="Write a message" maxLength={2000} autoComplete="off" value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="primary">
          Send
        </button>
      </form>
    </section>
  );
}
