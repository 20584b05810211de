import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useClient, useMutation } from 'urql';
import { graphql } from '../../__generated__';
import { describeError } from '../../errors';

const FindUserDocument = graphql(`
  query FindUser($username: String!) {
    userByUsername(username: $username) {
      id
    }
  }
`);

const StartConversationDocument = graphql(`
  mutation StartConversation($userId: ID!) {
    startConversation(userId: $userId) {
      id
    }
  }
`);

const CreateGroupDocument = graphql(`
  mutation CreateGroup($title: String!, $memberIds: [ID!]!) {
    createGroup(title: $title, memberIds: $memberIds) {
      id
    }
  }
`);

export function NewChat() {
  const [username, setUsername] = useState('');
  const [error, setError] = useState<string>();
  const client = useClient();
  const [, start] = useMutation(StartConversationDocument);
  const navigate = useNavigate();
  const id = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    const found = await client.query(FindUserDocument, { username: username.trim() }, { requestPolicy: 'network-only' }).toPromise();
    const userId = found.data?.userByUsername?.id;
    if (!userId) {
      setError(found.error ? describeError(found.error) : `No user named “${username.trim()}”.`);
      return;
    }
    const started = await start({ userId });
    if (started.error || !started.data) {
      setError(describeError(started.error));
      return;
    }
    setUsername('');
    void navigate(`/chat/${started.data.startConversation.id}`);
  };
  return (
    <form className="newchat" onSubmit={(e) => void submit(e)}>
      <label htmlFor={id}>Start a chat with</label>
      <div className="row">
        <input id={id} name="with" placeholder="username" required value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
        <button type="submit">Start</button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

export function NewGroup() {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [members, setMembers] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const client = useClient();
  const [, create] = useMutation(CreateGroupDocument);
  const navigate = useNavigate();
  const id = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    const names = [...new Set(members.split(/[\s,]+/).map((n) => n.replace(/^@/, '')).filter(Boolean))];
    if (!names.length) {
      setError('Name at least one member.');
      return;
    }
    setBusy(true);
    try {
      const found = await Promise.all(names.map((username) => client.query(FindUserDocument, { username }, { requestPolicy: 'network-only' }).toPromise()));
      const missing = names.filter((_, i) => !found[i]!.data?.userByUsername);
      if (missing.length) {
        setError(found.find((f) => f.error)?.error ? describeError(found.find((f) => f.error)!.error) : `No user named ${missing.map((n) => `“${n}”`).join(', ')}.`);
        return;
      }
      const created = await create({ title: title.trim(), memberIds: found.map((f) => f.data!.userByUsername!.id) });
      if (created.error || !created.data) {
        setError(describeError(created.error));
        return;
      }
      setTitle('');
      setMembers('');
      setOpen(false);
      void navigate(`/chat/${created.data.createGroup.id}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="newgroup">
      <button type="button" aria-expanded={open} aria-controls={`${id}-f`} onClick={() => setOpen((v) => !v)}>
        New group
      </button>
      <form id={`${id}-f`} className="stack" hidden={!open} onSubmit={(e) => void submit(e)}>
        <label htmlFor={`${id}-t`}>Group name</label>
        <input id={`${id}-t`} required maxLength={50} value={title} onChange={(e) => setTitle(e.target.value)} autoComplete="off" />
        <label htmlFor={`${id}-m`}>Members (usernames, separated by commas)</label>
        <input id={`${id}-m`} required value={members} onChange={(e) => setMembers(e.target.value)} autoComplete="off" placeholder="alice, bob" />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create group'}
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </div>
  );
}
