import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { graphql } from '../__generated__';
import { describeError } from '../errors';

const HistoryDocument = graphql(`
  query AssistantHistory {
    assistantHistory(first: 20) {
      prompt
      answer
      createdAt
    }
  }
`);

const AnswerDocument = graphql(`
  subscription AssistantAnswer($prompt: String!) {
    assistantAnswer(prompt: $prompt) {
      kind
      text
      fullText
      error
      code
      discardPartial
    }
  }
`);

const ClearDocument = graphql(`
  mutation ClearAssistantHistory {
    clearAssistantHistory
  }
`);

interface Turn {
  prompt: string;
  answer: string;
  state: 'done' | 'streaming' | 'stopped' | 'failed';
  error?: string;
}

const NOT_CONFIGURED = 'The assistant is not set up on this server.';

export default function Assistant() {
  const [history, reexecute] = useQuery({ query: HistoryDocument, requestPolicy: 'network-only' });
  const [, clear] = useMutation(ClearDocument);
  const [turns, setTurns] = useState<Turn[]>([]);
  const [prompt, setPrompt] = useState('');
  const running = useRef<{ unsubscribe(): void }>(undefined);
  const client = useClient();
  const ids = useId();

  useEffect(() => {
    const past = history.data?.assistantHistory;
    if (past) setTurns(past.map((t) => ({ prompt: t.prompt, answer: t.answer, state: 'done' })));
  }, [history.data]);
  useEffect(() => () => running.current?.unsubscribe(), []);

  const update = (patch: (t: Turn) => Turn) => setTurns((prev) => [...prev.slice(0, -1), patch(prev.at(-1)!)]);

  const ask = (e: FormEvent) => {
    e.preventDefault();
    const text = prompt.trim();
    if (!text || running.current) return;
    setPrompt('');
    setTurns((prev) => [...prev, { prompt: text, answer: '', state: 'streaming' }]);
    const finish = () => {
      running.current?.unsubscribe();
      running.current = undefined;
    };
    running.current = client.subscription(AnswerDocument, { prompt: text }).subscribe((result) => {
      const event = result.data?.assistantAnswer;
      if (result.error && !event) {
        const code = result.error.graphQLErrors[0]?.extensions?.code;
        update((t) => ({ ...t, state: 'failed', error: code === 'LLM_NOT_CONFIGURED' ? NOT_CONFIGURED : describeError(result.error) }));
        finish();
        return;
      }
      if (!event) return;
      if (event.kind === 'TOKEN') update((t) => ({ ...t, answer: t.answer + (event.text ?? '') }));
      else if (event.kind === 'DONE') {
        update((t) => ({ ...t, answer: event.fullText ?? t.answer, state: 'done' }));
        finish();
      } else {
        update((t) => ({ ...t, answer: event.discardPartial ? '' : t.answer, state: 'failed', error: event.code === 'LLM_NOT_CONFIGURED' ? NOT_CONFIGURED : (event.error ?? 'The answer failed.') }));
        finish();
      }
    });
  };

  const stop = () => {
    running.current?.unsubscribe();
    running.current = undefined;
    update((t) => ({ ...t, state: 'stopped' }));
  };

  const streaming = turns.at(-1)?.state === 'streaming';

  return (
    <section className="card assistant" aria-labelledby={`${ids}-h`}>
      <div className="row">
        <h1 id={`${ids}-h`}>Assistant</h1>
        <button
          type="button"
          disabled={streaming || turns.length === 0}
          onClick={() =>
            void clear({}).then(() => {
              setTurns([]);
              reexecute({ requestPolicy: 'network-only' });
            })
          }
        >
          Clear history
        </button>
      </div>
      {history.error && <p role="alert" className="error">{history.error.graphQLErrors[0]?.extensions?.code === 'LLM_NOT_CONFIGURED' ? NOT_CONFIGURED : describeError(history.error)}</p>}
      <ol className="turns" aria-label="Conversation with the assistant">
        {turns.map((t, i) => (
          <li key={i}>
            <p className="prompt">
              <span className="visually-hidden">You asked: </span>
              {t.prompt}
            </p>
            <p className="answer" aria-live={t.state === 'streaming' ? 'polite' : undefined} aria-busy={t.state === 'streaming'}>
              {t.answer}
              {t.state === 'streaming' && <span className="hint"> …</span>}
              {t.state === 'stopped' && <span className="hint"> (stopped)</span>}
            </p>
            {t.error && (
              <p role="alert" className="error">
                {t.error}
              </p>
            )}
          </li>
        ))}
      </ol>
      <form className="composer" onSubmit={ask}>
        <label htmlFor={`${ids}-p`} className="visually-hidden">
          Ask the assistant
        </label>
        <input id={`${ids}-p`} placeholder="Ask the assistant" maxLength={4000} autoComplete="off" value={prompt} onChange={(e) => setPrompt(e.target.value)} />
        {streaming ? (
          <button type="button" onClick={stop}>
            Stop
          </button>
        ) : (
          <button type="submit" className="primary">
            Ask
          </button>
        )}
      </form>
    </section>
  );
}
