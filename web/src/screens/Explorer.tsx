/**
 * The API explorer: GraphiQL with the query-builder (explorer) plugin, bundled
 * into the app so it works without any network beyond this server. It talks to
 * the same-origin `/graphql` with the session cookies, so operations run as the
 * signed-in person; subscriptions go over the app's own graphql-ws client.
 *
 * Loaded only when /explorer is opened: GraphiQL and its Monaco editor are
 * several MB and stay out of the first download.
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { useEffect, useRef } from 'react';
import { ws } from '../client';

const fetcher = createGraphiQLFetcher({
  url: '/graphql',
  // The gateway's CSRF prevention asks for this header; cookies go with same-origin requests.
  headers: { 'apollo-require-preflight': 'true' },
  fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
  wsClient: ws,
});

/**
 * The query builder's colours: its defaults (GraphiQL's pale palette) are below
 * 4.5:1 contrast on its background. CSS variables, set for light and dark in
 * styles.css, since the builder takes them as inline styles.
 */
const colors = Object.fromEntries(['keyword', 'def', 'property', 'qualifier', 'attribute', 'number', 'string', 'builtin', 'string2', 'variable', 'atom'].map((k) => [k, `var(--gx-${k})`]));

// The query builder next to the documentation and the history GraphiQL has by default.
const plugins = [HISTORY_PLUGIN, explorerPlugin({ colors })];

/**
 * Names what the third-party widgets leave unnamed, and gives GraphiQL's
 * editor tabs (a tab holding its own close button, which a tab may not)
 * the semantics of a list of buttons. Re-applied as they re-render.
 */
function repairAccessibility(root: HTMLElement): void {
  for (const input of root.querySelectorAll<HTMLInputElement>('.graphiql-explorer-root input[type="text"]:not([aria-label])')) {
    const arg = input.closest('[data-arg-name]')?.getAttribute('data-arg-name');
    input.setAttribute('aria-label', arg ? `Value of argument ${arg}` : 'Argument value');
  }
  for (const select of root.querySelectorAll('.graphiql-explorer-root select:not([aria-label])')) select.setAttribute('aria-label', 'Kind of operation to add');
  for (const list of root.querySelectorAll('.graphiql-tabs[role="tablist"]')) list.setAttribute('role', 'list');
  for (const tab of root.querySelectorAll('.graphiql-tab[role="tab"]')) {
    tab.setAttribute('role', 'listitem');
    tab.removeAttribute('aria-selected');
  }
}

const DEFAULT_QUERY = `# Runs against this server's /graphql as you (signed in or not).
query Latest {
  me {
    username
    displayName
  }
  videos(first: 5) {
    edges {
      node {
        id
        title
        uploader {
          displayName
        }
      }
    }
  }
}
`;

export default function Explorer() {
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = frame.current;
    if (!root) return;
    repairAccessibility(root);
    const observer = new MutationObserver(() => repairAccessibility(root));
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['role'] });
    return () => observer.disconnect();
  }, []);
  return (
    <div className="explorer">
      <h1 className="visually-hidden">API explorer</h1>
      <p className="hint explorer-note">
        GraphiQL on this server’s <code>/graphql</code>, as you. Online? The <a href="/graphql">Apollo Sandbox</a> (development servers only) needs the internet.
      </p>
      <div className="explorer-frame" ref={frame}>
        <GraphiQL fetcher={fetcher} plugins={plugins} defaultQuery={DEFAULT_QUERY} />
      </div>
    </div>
  );
}
