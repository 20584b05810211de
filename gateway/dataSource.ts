/**
 * How the gateway talks to a subgraph: every request carries the request id and
 * the viewer's internal identity, signed once per client request and reused for
 * each subgraph fetch of its query plan.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { ErrorCode, appError } from '../lib/errors.js';
import { INTERNAL_IDENTITY_HEADER, REQUEST_ID_HEADER } from '../lib/identity.js';
import type { GatewayContext } from './context.js';

export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(readonly name: string, url: string) {
    super({ url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = request.http?.headers;
    if (!headers) return;
    // Composition-time or health requests carry no client context.
    if (!context?.identityToken) return;
    headers.set(REQUEST_ID_HEADER, context.requestId);
    headers.set(INTERNAL_IDENTITY_HEADER, await context.identityToken());
  }

  override didEncounterError(error: Error, _req: unknown, response?: FetcherResponse): void {
    if (!response) {
      // No response at all: the subgraph is down or unreachable.
      throw appError(ErrorCode.UPSTREAM_UNAVAILABLE, `The ${this.name} service is unavailable; try again shortly.`);
    }
    throw error;
  }
}
