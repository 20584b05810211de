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
import { ws } from '../client';

const fetcher = createGraphiQLFetcher({
  url: '/graphql',
  // The gateway's CSRF prevention asks for this header; cookies go with same-origin requests.
  headers: { 'apollo-require-preflight': 'true' },
  fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
  wsClient: ws,
});

// The query builder next to the documentation and the history GraphiQL has by default.
const plugins = [HISTORY_PLUGIN, explorerPlugin()];

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
  return (
    <div className="explorer">
      <h1 className="visually-hidden">API explorer</h1>
      <p className="hint explorer-note">
        GraphiQL on this server’s <code>/graphql</code>, as you. Online? The <a href="/graphql">Apollo Sandbox</a> (development servers only) needs the internet.
      </p>
      <div className="explorer-frame">
        <GraphiQL fetcher={fetcher} plugins={plugins} defaultQuery={DEFAULT_QUERY} />
      </div>
    </div>
  );
}
