import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useClient, useMutation, useQuery, type CombinedError } from 'urql';
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

const GenerateImageDocument = graphql(`
  mutation GenerateImage($prompt: String!) {
    generateImage(prompt: $prompt) {
      url
      contentType
      size
    }
  }
`);

const GenerateSlidesDocument = graphql(`
  mutation GenerateSlides($topic: String!) {
    generateSlides(topic: $topic) {
      url
      contentType
      size
    }
  }
`);

interface Turn {
  prompt: string;
  answer: string;
  state: 'done' | 'streaming' | 'stopped' | 'failed';
  error?: string;
}

const NOT_CONFIGURED = 'The assistant is not set up on this server (it needs a model provider: LLM_BASE_URL and LLM_API_KEYS).';

function explain(error: CombinedError | undefined): string | undefined {
  return error?.graphQLErrors[0]?.extensions?.code === 'LLM_NOT_CONFIGURED' ? NOT_CONFIGURED : describeError(error);
}

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One "make a file" form: an image from a prompt, or a slide deck on a topic. */
function Generate({ kind }: { kind: 'image' | 'slides' }) {
  const [text, setText] = useState('');
  const [image, makeImage] = useMutation(GenerateImageDocument);
  const [slides, makeSlides] = useMutation(GenerateSlidesDocument);
  const [made, setMade] = useState<{ url: string; size: number; what: string }>();
  const [error, setError] = useState<string>();
  const ids = useId();
  const busy = kind === 'image' ? image.fetching : slides.fetching;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const what = text.trim();
    if (!what) return;
    setError(undefined);
    setMade(undefined);
    const result = kind === 'image' ? await makeImage({ prompt: what }) : await makeSlides({ topic: what });
    const file = result.data && ('generateImage' in result.data ? result.data.generateImage : result.data.generateSlides);
    if (result.error || !file) setError(explain(result.error));
    else setMade({ url: file.url, size: file.size, what });
  };
  const label = kind === 'image' ? 'Describe an image' : 'Topic for a slide deck';
  return (
    <form className="stack generate" onSubmit={(e) => void submit(e)} aria-busy={busy}>
      <label htmlFor={`${ids}-i`}>{label}</label>
      <div className="row">
        <input id={`${ids}-i`} maxLength={kind === 'image' ? 1000 : 200} value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
        <button type="submit" disabled={busy}>
          {busy ? 'Working…' : kind === 'image' ? 'Draw' : 'Make slides'}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {made &&
        (kind === 'image' ? (
          <figure>
            <img src={made.url} alt={`Generated: ${made.what}`} className="generated" />
            <figcaption className="hint">
              <a href={made.url} download>
                Download the image
              </a>{' '}
              ({formatSize(made.size)}, kept 24 hours)
            </figcaption>
          </figure>
        ) : (
          <p>
            <a href={made.url} download>
              Download “{made.what}” slides (.pptx)
            </a>{' '}
            <span className="hint">({formatSize(made.size)}, kept 24 hours)</span>
          </p>
        ))}
    </form>
  );
}

export default function Assistant() {
  const [history, reexecute] = useQuery({ query: HistoryDocument, requestPolicy: 'network-only' });
  const [, clear] = useMutation(ClearDocument);
  const [turns, setTurns] = useState<Turn[]>([]);
  const [prompt, setPrompt] = useState('');
  const running = useRef<{ unsubscribe(): void }>(undefined);
  const input = useRef<HTMLInputElement>(null);
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
        update((t) => ({ ...t, state: 'failed', error: explain(result.error) }));
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
    // The Stop button gives way to Ask: keep the keyboard where the next question goes.
    input.current?.focus();
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
      {history.error && <p role="alert" className="error">{explain(history.error)}</p>}
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
        <input ref={input} id={`${ids}-p`} placeholder="Ask the assistant" maxLength={4000} autoComplete="off" value={prompt} onChange={(e) => setPrompt(e.target.value)} />
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
      <section className="makers" aria-labelledby={`${ids}-m`}>
        <h2 id={`${ids}-m`}>Make a file</h2>
        <Generate kind="image" />
        <Generate kind="slides" />
      </section>
    </section>
  );
}
