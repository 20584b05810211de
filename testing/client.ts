/**
 * GraphQL over HTTP as clients send it (JSON, and the multipart request spec
 * for files): used by the end-to-end tests and the benchmarks. Kept free of
 * server imports so a benchmark's load generator stays light.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { Agent } from 'undici';

/**
 * Connections to the gateway are reused while idle for 4 s at most, whatever
 * its keep-alive hint says (the gateway keeps them for 65 s): the client closes
 * an idle connection long before the server does, so no request is ever sent on
 * a connection the server is closing, however busy either side is.
 */
const dispatcher = new Agent({ keepAliveTimeout: 4_000, keepAliveMaxTimeout: 4_000 });

/** Node's fetch takes undici's `dispatcher`; its types describe an older undici than the package's, hence no literal. */
const overOwnConnections = (init: RequestInit): RequestInit => Object.assign(init, { dispatcher });

export interface GraphQLResponse<T> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } & Record<string, unknown> }[];
}

/** POSTs an operation to a GraphQL endpoint (the gateway unless `url` says otherwise). */
export async function gql<TData, TVars extends Record<string, unknown>>(
  url: string,
  document: TypedDocumentNode<TData, TVars> | string,
  variables?: TVars,
  opts: { token?: string; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<GraphQLResponse<TData>> {
  const res = await fetch(url, overOwnConnections({
    method: 'POST',
    ...(opts.signal ? { signal: opts.signal } : {}),
    headers: {
      'content-type': 'application/json',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
    body: JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables }),
  }));
  const body = (await res.json()) as Omit<GraphQLResponse<TData>, 'status' | 'headers'>;
  return { status: res.status, headers: res.headers, ...body };
}

/**
 * Sends a GraphQL multipart request (the spec graphql-upload implements) to
 * `url`: `files` maps a variable path such as `variables.input.avatar` to bytes.
 */
export async function gqlUpload<TData, TVars extends Record<string, unknown> = Record<string, unknown>>(
  url: string,
  document: TypedDocumentNode<TData, TVars> | string,
  variables: TVars,
  files: Record<string, { bytes: Buffer | Uint8Array; filename: string; type?: string }>,
  opts: { token?: string; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<GraphQLResponse<TData>> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables }));
  const paths = Object.keys(files);
  form.append('map', JSON.stringify(Object.fromEntries(paths.map((p, i) => [String(i), [p]]))));
  paths.forEach((p, i) => {
    const f = files[p]!;
    form.append(String(i), new Blob([f.bytes], { type: f.type ?? 'application/octet-stream' }), f.filename);
  });
  const res = await fetch(url, overOwnConnections({
    method: 'POST',
    headers: { 'apollo-require-preflight': 'true', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
    ...(opts.signal ? { signal: opts.signal } : {}),
    body: form,
  }));
  const body = (await res.json()) as Omit<GraphQLResponse<TData>, 'status' | 'headers'>;
  return { status: res.status, headers: res.headers, ...body };
}
