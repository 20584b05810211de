import { useEffect, useRef } from 'react';
import { useParams } from 'react-router';
import { useAuth } from '../auth';
import { describeError } from '../errors';
import { ConversationList, useConversations } from './chat/conversations';
import { ConversationView } from './chat/ConversationView';
import { NewChat, NewGroup } from './chat/NewConversation';

export default function Chat() {
  const { id } = useParams();
  const { me } = useAuth();
  const { conversations, error, fetching, reload } = useConversations();
  const selected = conversations?.find((c) => c.id === id);
  // A conversation just started (here or by the other person) is not in the cached list yet: ask once more.
  const asked = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (id && conversations && !selected && !fetching && asked.current !== id) {
      asked.current = id;
      reload();
    }
  }, [id, conversations, selected, fetching, reload]);
  if (!me) return null;
  return (
    <div className={`chat ${id ? 'has-selection' : ''}`}>
      <aside className="chat-list" aria-labelledby="chat-h">
        <h1 id="chat-h">Chat</h1>
        <NewChat />
        <NewGroup />
        {error && <p role="alert" className="error">{describeError(error)}</p>}
        {fetching && !conversations && <p role="status">Loading…</p>}
        {conversations && <ConversationList conversations={conversations} me={me} selected={id} />}
      </aside>
      {selected ? (
        <ConversationView key={selected.id} conversation={selected} me={me} />
      ) : id && conversations && !fetching && asked.current === id ? (
        <p className="conversation">This conversation is not yours or does not exist.</p>
      ) : null}
    </div>
  );
}
