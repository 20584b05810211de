/**
 * Client mistakes that @apollo/gateway would otherwise answer as server
 * faults, caught once the operation is resolved and before it is planned:
 *
 * - an `operationName` the document does not define (the planner throws, which
 *   Apollo reports as a 500 INTERNAL_SERVER_ERROR);
 * - a subscription sent over HTTP without asking for a stream (@apollo/gateway
 *   cannot execute one and says so with a 500): subscriptions are served over
 *   graphql-ws (subscriptions.ts), SSE and multipart HTTP (httpSubscriptions.ts)
 *   on the same path, which never hand one to Apollo Server;
 * - a multipart request that sends one file to two variables (the upload would
 *   fail half-way to the subgraph and be reported as UPSTREAM_UNAVAILABLE,
 *   which tells the client to retry).
 *
 * Each becomes an HTTP 400 with a client code, before any subgraph is called.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type FloatValueNode, type IntValueNode, type ValidationRule } from 'graphql';
import { Upload } from 'graphql-upload-minimal';
import { ErrorCode } from '../lib/errors.js';
import type { GatewayContext } from './context.js';
import { SUBSCRIPTION_TRANSPORTS } from './httpSubscriptions.js';

function clientError(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/** Every Upload in the variables, with where it was found. */
function uploadsIn(value: unknown, path: string, found: { path: string; upload: Upload }[]): void {
  if (value instanceof Upload) found.push({ path, upload: value });
  else if (Array.isArray(value)) value.forEach((v, i) => uploadsIn(v, `${path}.${i}`, found));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) uploadsIn(v, `${path}.${k}`, found);
}

export function requestChecksPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, contextValue }) {
          if (!operation) {
            throw clientError(
              'OPERATION_RESOLUTION_FAILURE',
              request.operationName ? `Unknown operation named "${request.operationName}".` : 'The document defines several operations: pass operationName to choose one.',
            );
          }
          if (operation.operation === 'subscription') {
            throw clientError(ErrorCode.BAD_REQUEST, SUBSCRIPTION_TRANSPORTS);
          }
          if (!contextValue.multipart || !request.variables) return;
          const uploads: { path: string; upload: Upload }[] = [];
          uploadsIn(request.variables, 'variables', uploads);
          const seen = new Map<Upload, string>();
          for (const { path, upload } of uploads) {
            const first = seen.get(upload);
            if (first) throw clientError(ErrorCode.BAD_REQUEST, `One file is mapped to both ${first} and ${path}: send each file once per variable.`);
            seen.set(upload, path);
          }
          // A map naming a file that is never sent is refused when that file is forwarded
          // (uploads.ts): waiting here for every file would deadlock a request with two,
          // since the second file's part cannot be reached before the first has been read.
        },
      };
    },
  };
}

/**
 * Validation rule: a number literal must be a finite number. graphql-js
 * accepts `size: 1e400` for a Float (it reads the literal as Infinity), but
 * the query planner then refuses the operation with an error that carries no
 * code, which Apollo answers as a 500 INTERNAL_SERVER_ERROR. Refused here,
 * it is a validation error (GRAPHQL_VALIDATION_FAILED, HTTP 400). JSON
 * variables cannot carry Infinity, so only literals need the check.
 */
export const finiteNumberLiterals: ValidationRule = (context) => {
  const check = (node: FloatValueNode | IntValueNode) => {
    if (!Number.isFinite(Number(node.value))) {
      context.reportError(new GraphQLError(`The number ${node.value.length > 40 ? `${node.value.slice(0, 40)}…` : node.value} is too large to represent.`, { nodes: [node] }));
    }
  };
  return { FloatValue: check, IntValue: check };
};
