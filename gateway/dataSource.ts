/**
 * How the gateway talks to a subgraph: every request carries the request id and
 * the viewer's internal identity (signed once per client request, reused by each
 * fetch of its query plan). Requests to the user subgraph also carry the refresh
 * token from the HTTP-only cookie, and the user subgraph's session instructions
 * (tokens to set as cookies, or to clear) come back on a private header that is
 * consumed here and never forwarded to the client.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { ErrorCode, appError } from '../lib/errors.js';
import { INTERNAL_IDENTITY_HEADER, REQUEST_ID_HEADER } from '../lib/identity.js';
import { REFRESH_TOKEN_HEADER, SESSION_HEADER, decodeSession } from '../lib/session.js';
import type { GatewayContext } from './context.js';
import { callScope, type CallScope } from './fetcher.js';
import { UploadTable } from './uploads.js';

const MUTATION = /^\s*mutation\b/;

export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly uploads = new UploadTable();

  constructor(
    readonly name: string,
    url: string,
    fetcher: Fetcher,
  ) {
    super({ url });
    this.fetcher = this.uploads.fetcher(fetcher);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const markers: string[] = [];
    if (options.request.variables) options.request.variables = this.uploads.swapOut(options.request.variables, markers) as Record<string, unknown>;
    const viewer = options.context?.viewer;
    const scope: CallScope = {
      viewerKey: viewer ? `${viewer.userId ?? ''}|${[...viewer.roles].sort().join(',')}|${viewer.deviceId ?? ''}|${viewer.familyId ?? ''}` : '',
      // Mutations and uploads are never merged: each must run once per request.
      mergeable: markers.length === 0 && !MUTATION.test(options.request.query ?? ''),
      ...(options.context?.signal ? { signal: options.context.signal } : {}),
    };
    try {
      return await callScope.run(scope, () => super.process(options));
    } finally {
      this.uploads.release(markers);
    }
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = request.http?.headers;
    // Requests without a client context (none today) carry no identity and are refused by the subgraph.
    if (!headers || !context?.identityToken) return;
    headers.set(REQUEST_ID_HEADER, context.requestId);
    headers.set(INTERNAL_IDENTITY_HEADER, await context.identityToken());
    if (this.name === 'user' && context.refreshCookie) headers.set(REFRESH_TOKEN_HEADER, context.refreshCookie);
  }

  override didReceiveResponse({ response, context }: Required<Pick<import('@apollo/server-gateway-interface').GatewayGraphQLRequestContext<GatewayContext>, 'request' | 'response' | 'context'>>): GatewayGraphQLResponse {
    if (this.name === 'user') {
      const header = response.http?.headers.get(SESSION_HEADER);
      const instruction = header ? decodeSession(header) : null;
      if (instruction) context.applySession?.(instruction);
    }
    return response;
  }

  override didEncounterError(error: Error, _req: unknown, response?: FetcherResponse, context?: GatewayContext): void {
    if (!response) {
      context?.log?.warn({ err: error, subgraph: this.name }, 'subgraph request failed');
      // No response at all: the subgraph is down or unreachable.
      throw appError(ErrorCode.UPSTREAM_UNAVAILABLE, `The ${this.name} service is unavailable; try again shortly.`);
    }
    throw error;
  }
}
