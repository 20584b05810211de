import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../__generated__';
import { describeError } from '../errors';

const SuggestDocument = graphql(`
  query Suggest($prefix: String!) {
    suggest(prefix: $prefix, first: 6) {
      text
      node {
        __typename
        ... on Video {
          id
        }
        ... on User {
          id
          username
        }
      }
    }
  }
`);

const SearchDocument = graphql(`
  query Search($query: String!, $page: Int!) {
    search(query: $query, page: $page, pageSize: 20) {
      total
      page
      pageSize
      hits {
        highlights {
          field
          fragments
        }
        node {
          __typename
          ... on Video {
            id
            title
            coverUrl
            uploader {
              id
              displayName
            }
          }
          ... on User {
            id
            username
            displayName
          }
        }
      }
    }
  }
`);

/** The value after the person stops typing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/** Highlighted fragments come with the matched terms in <em>; everything else is shown as text. */
function Highlighted({ html }: { html: string }) {
  const parts = html.split(/(<em>.*?<\/em>)/g);
  return (
    <>
      {parts.map((p, i) => (p.startsWith('<em>') ? <mark key={i}>{p.slice(4, -5)}</mark> : <span key={i}>{p}</span>))}
    </>
  );
}

export default function Search() {
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const [input, setInput] = useState(query);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const prefix = useDebounced(input.trim(), 150);
  const [suggestions] = useQuery({ query: SuggestDocument, variables: { prefix }, pause: !prefix || !open });
  const [results] = useQuery({ query: SearchDocument, variables: { query, page }, pause: !query });
  const navigate = useNavigate();
  const ids = useId();
  const listId = `${ids}-list`;
  const options = open && prefix ? (suggestions.data?.suggest ?? []) : [];

  useEffect(() => setInput(query), [query]);

  const go = (q: string) => {
    setOpen(false);
    setActive(-1);
    if (q.trim()) setParams({ q: q.trim() });
  };
  const pick = (i: number) => {
    const s = options[i];
    if (!s) return;
    if (s.node?.__typename === 'Video') void navigate(`/watch/${s.node.id}`);
    else go(s.text);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && options.length) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % options.length);
    } else if (e.key === 'ArrowUp' && options.length) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
    } else if (e.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    } else if (e.key === 'Enter' && active >= 0 && options[active]) {
      e.preventDefault();
      pick(active);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    go(input);
  };

  const data = results.data?.search;
  const pages = data ? Math.ceil(data.total / data.pageSize) : 0;

  return (
    <section aria-labelledby={`${ids}-h`}>
      <h1 id={`${ids}-h`}>Search</h1>
      <form role="search" className="searchbox" onSubmit={submit}>
        <label htmlFor={`${ids}-q`} className="visually-hidden">
          Search videos and people
        </label>
        <div className="combo">
          <input
            id={`${ids}-q`}
            type="search"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={options.length > 0}
            aria-controls={listId}
            aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
            placeholder="Search videos and people"
            autoComplete="off"
            value={input}
            onChange={(e) => {
              setInput(e.target.value);
              setOpen(true);
              setActive(-1);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setTimeout(() => setOpen(false), 150)}
          />
          <ul id={listId} role="listbox" aria-label="Suggestions" className="suggestions" hidden={options.length === 0}>
            {options.map((s, i) => (
              <li
                key={`${s.text}-${i}`}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(i);
                }}
              >
                {s.text}
                <span className="hint"> {s.node?.__typename === 'User' ? 'person' : s.node?.__typename === 'Video' ? 'video' : ''}</span>
              </li>
            ))}
          </ul>
        </div>
        <button type="submit" className="primary">
          Search
        </button>
      </form>
      {results.error && <p role="alert" className="error">{describeError(results.error)}</p>}
      {query && results.fetching && !data && <p role="status">Searching…</p>}
      {data && (
        <>
          <p role="status">
            {data.total} result{data.total === 1 ? '' : 's'} for “{query}”
          </p>
          <ul className="results">
            {data.hits.map((hit, i) =>
              hit.node?.__typename === 'Video' ? (
                <li key={hit.node.id} className="result">
                  <Link to={`/watch/${hit.node.id}`}>
                    {hit.node.coverUrl ? <img src={hit.node.coverUrl} alt="" width={160} height={90} loading="lazy" /> : <span className="nocover small" aria-hidden="true">▶</span>}
                    <span>
                      <span className="title">{hit.node.title}</span>
                      <span className="meta">video · {hit.node.uploader.displayName}</span>
                      {hit.highlights.slice(0, 1).map((h) => (
                        <span key={h.field} className="snippet">
                          <Highlighted html={h.fragments[0] ?? ''} />
                        </span>
                      ))}
                    </span>
                  </Link>
                </li>
              ) : hit.node?.__typename === 'User' ? (
                <li key={hit.node.id} className="result">
                  <span>
                    <span className="title">{hit.node.displayName}</span> <span className="meta">@{hit.node.username} · person</span>
                  </span>
                </li>
              ) : (
                <li key={`gone-${i}`} className="hint">
                  (removed)
                </li>
              ),
            )}
          </ul>
          {pages > 1 && (
            <nav aria-label="Result pages" className="row">
              {page > 1 && <Link to={`/search?q=${encodeURIComponent(query)}&page=${page - 1}`}>Previous</Link>}
              <span>
                Page {page} of {pages}
              </span>
              {page < pages && <Link to={`/search?q=${encodeURIComponent(query)}&page=${page + 1}`}>Next</Link>}
            </nav>
          )}
        </>
      )}
    </section>
  );
}
