/**
 * The fuzzer over HTTP: sending a request to the gateway and classifying its
 * answer (report.ts), and generated request envelopes that are wrong before
 * any operation is read — bodies that are not JSON, JSON of the wrong shape,
 * odd content types and methods, browser and non-browser paths.
 */
import fc from 'fast-check';
import type { Answer, Problem } from './report.js';

export interface HttpRequest {
  method: 'POST' | 'GET';
  /** Appended to the endpoint URL (a query string for GET). */
  search?: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Send the body in two pieces, pausing before its last `lastBytes` bytes (the server starts on the first piece). */
  trickle?: { pauseMs: number; lastBytes: number };
}

/** The body as fetch sends it: whole, or as a stream that pauses before its end. */
function bodyOf(req: HttpRequest): { body?: string | Buffer | ReadableStream<Uint8Array>; duplex?: 'half' } {
  if (req.body === undefined) return {};
  if (!req.trickle) return { body: req.body };
  const bytes = Buffer.from(req.body);
  const cut = Math.max(0, bytes.length - req.trickle.lastBytes);
  const pieces = [bytes.subarray(0, cut), bytes.subarray(cut)];
  const { pauseMs } = req.trickle;
  return {
    body: new ReadableStream<Uint8Array>({
      async pull(controller) {
        const piece = pieces.shift();
        if (piece === undefined) return controller.close();
        if (pieces.length === 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
        controller.enqueue(piece);
      },
    }),
    duplex: 'half',
  };
}

type ErrorList = { message?: unknown; extensions?: { code?: unknown } }[];

/**
 * The answer's status, codes and problems. Every body must be JSON; an error
 * status must come with errors; every error needs a code.
 */
export function classifyHttp(status: number, contentType: string | null, text: string, ms: number): Answer {
  const problems: Problem[] = [];
  let body: unknown;
  let json = true;
  try {
    body = JSON.parse(text);
  } catch {
    json = false;
  }
  const snippet = `HTTP ${status} ${contentType ?? ''}: ${text.slice(0, 300)}`;
  if (status >= 500) problems.push('5xx');
  if (!json) {
    problems.push('not-json');
    return { key: `${status} (not JSON)`, codes: [], problems, ms, detail: snippet };
  }
  const errors = (body && typeof body === 'object' && Array.isArray((body as { errors?: unknown }).errors) ? (body as { errors: ErrorList }).errors : undefined) ?? [];
  const codes = errors.map((e) => (typeof e?.extensions?.code === 'string' ? e.extensions.code : ''));
  if (codes.some((c) => c === '') || (status >= 400 && errors.length === 0)) problems.push('no-code');
  if (codes.includes('INTERNAL_SERVER_ERROR')) problems.push('internal');
  const first = codes.find((c) => c !== '') ?? (errors.length ? '(no code)' : 'OK');
  return { key: `${status} ${first}`, codes: codes.filter((c) => c !== ''), problems, ms, ...(problems.length ? { detail: snippet } : {}) };
}

/** Sends one request; a refused, reset or timed-out request is `no-answer`. */
export async function sendHttp(url: string, req: HttpRequest, timeoutMs: number): Promise<Answer> {
  const t0 = performance.now();
  try {
    const res = await fetch(url + (req.search ?? ''), {
      method: req.method,
      headers: req.headers,
      ...bodyOf(req),
      signal: AbortSignal.timeout(timeoutMs),
    } as RequestInit);
    const text = await res.text();
    return classifyHttp(res.status, res.headers.get('content-type'), text, performance.now() - t0);
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why = `${e.name}: ${e.message}${e.cause ? ` (${e.cause.code ?? e.cause.message})` : ''}`;
    return { key: 'no answer', codes: [], problems: ['no-answer'], ms: performance.now() - t0, detail: why };
  }
}

export type Identity = 'anonymous' | 'user' | 'bad-token' | 'bad-cookie';

/** Who the request claims to be: nobody, the signed-in fuzz user, or a credential that is garbage. */
export function identityHeaders(identity: Identity, userToken: string): Record<string, string> {
  switch (identity) {
    case 'anonymous':
      return {};
    case 'user':
      return { authorization: `Bearer ${userToken}` };
    case 'bad-token':
      return { authorization: `Bearer ${userToken.slice(0, -4)}AAAA` };
    case 'bad-cookie':
      return { cookie: 'vh_access=not.a.jwt; vh_device=../../x' };
  }
}

export const identityArb: fc.Arbitrary<Identity> = fc.oneof(
  { weight: 5, arbitrary: fc.constant('user' as const) },
  { weight: 4, arbitrary: fc.constant('anonymous' as const) },
  { weight: 1, arbitrary: fc.constantFrom('bad-token' as const, 'bad-cookie' as const) },
);

/**
 * A JSON POST of a GraphQL body. `browser` adds an Origin header, which sends
 * the request through express (CORS) instead of the gateway's direct path:
 * both must answer alike.
 */
export function jsonPost(body: unknown, headers: Record<string, string>, browser: boolean, origin: string): HttpRequest {
  return { method: 'POST', headers: { 'content-type': 'application/json', ...(browser ? { origin } : {}), ...headers }, body: JSON.stringify(body) };
}

const VALID_QUERY = '{ videos(first: 1) { edges { cursor } } }';

/** Bodies and headers that are wrong before any operation is read. */
export function envelopeArb(origin: string): fc.Arbitrary<{ label: string; request: HttpRequest }> {
  const json = (label: string, body: string | Buffer, extra: Record<string, string> = {}) => ({
    label,
    request: { method: 'POST' as const, headers: { 'content-type': 'application/json', ...extra }, body },
  });
  const bodies = fc.constantFrom(
    json('body: not JSON', '{nope'),
    json('body: empty', ''),
    json('body: null', 'null'),
    json('body: a string', '"{ me { id } }"'),
    json('body: a number', '12'),
    json('body: an empty array (batch)', '[]'),
    json('body: a batch of two', JSON.stringify([{ query: VALID_QUERY }, { query: VALID_QUERY }])),
    json('body: {}', '{}'),
    json('query: a number', JSON.stringify({ query: 12 })),
    json('query: an object', JSON.stringify({ query: { kind: 'Document' } })),
    json('query: an array', JSON.stringify({ query: [VALID_QUERY] })),
    json('query: null', JSON.stringify({ query: null })),
    json('query: empty', JSON.stringify({ query: '' })),
    json('query: whitespace', JSON.stringify({ query: '   ' })),
    json('query: NUL', JSON.stringify({ query: '{ me { id } }\u0000' })),
    json('query: lone surrogate', JSON.stringify({ query: '{ me { id } } # \uD800' })),
    json('query: two anonymous operations', JSON.stringify({ query: '{ me { id } } { me { id } }' })),
    json('query: subscription over HTTP', JSON.stringify({ query: 'subscription { notificationAdded { id } }' })),
    json('query: unknown field', JSON.stringify({ query: '{ nope }' })),
    json('query: unclosed', JSON.stringify({ query: '{ me { id ' })),
    json('query: fragment cycle', JSON.stringify({ query: '{ me { ...A } } fragment A on User { ...B } fragment B on User { ...A }' })),
    json('query: unknown directive', JSON.stringify({ query: '{ me @nope { id } }' })),
    json('query: __schema', JSON.stringify({ query: '{ __schema { types { name } } }' })),
    json('query: 500 KB of comment', JSON.stringify({ query: `# ${'x'.repeat(500_000)}\n${VALID_QUERY}` })),
    json('query: 200 KB string literal', JSON.stringify({ query: `{ search(query: "${'a'.repeat(200_000)}") { total } }` })),
    json('body: over 1 MB', JSON.stringify({ query: VALID_QUERY, variables: { pad: 'x'.repeat(1_100_000) } })),
    json('body: JSON nested 100k deep', `{"query":"${VALID_QUERY}","variables":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`),
    json('variables: a string', JSON.stringify({ query: VALID_QUERY, variables: 'x' })),
    json('variables: an array', JSON.stringify({ query: VALID_QUERY, variables: [1] })),
    json('variables: a number', JSON.stringify({ query: VALID_QUERY, variables: 5 })),
    json('variables: __proto__', `{"query":"query($a: Int) { videos(first: $a) { edges { cursor } } }","variables":{"__proto__":{"a":1},"constructor":{"prototype":{"x":1}}}}`),
    json('operationName: a number', JSON.stringify({ query: VALID_QUERY, operationName: 5 })),
    json('operationName: an object', JSON.stringify({ query: VALID_QUERY, operationName: { a: 1 } })),
    json('operationName: unknown', JSON.stringify({ query: VALID_QUERY, operationName: 'Nope' })),
    json('extensions: a string', JSON.stringify({ query: VALID_QUERY, extensions: 'x' })),
    json('extensions: persistedQuery garbage', JSON.stringify({ query: VALID_QUERY, extensions: { persistedQuery: 'x' } })),
    json('extensions: persistedQuery wrong types', JSON.stringify({ extensions: { persistedQuery: { version: '1', sha256Hash: 12 } } })),
    json('extensions: persistedQuery unknown hash', JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } })),
    json('body: invalid UTF-8', Buffer.concat([Buffer.from('{"query":"{ me { id } }", "x":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')])),
    json('body: UTF-16 BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(JSON.stringify({ query: VALID_QUERY }), 'utf16le')])),
    json('content-type: charset latin1', JSON.stringify({ query: VALID_QUERY }), { 'content-type': 'application/json; charset=latin1' }),
    json('content-encoding: gzip (not gzip)', JSON.stringify({ query: VALID_QUERY }), { 'content-encoding': 'gzip' }),
    json('content-encoding: unknown', JSON.stringify({ query: VALID_QUERY }), { 'content-encoding': 'br, zstd, nope' }),
    json('content-type: text/plain', JSON.stringify({ query: VALID_QUERY }), { 'content-type': 'text/plain' }),
    json('content-type: missing', JSON.stringify({ query: VALID_QUERY }), { 'content-type': '' }),
    json('content-type: multipart without boundary', JSON.stringify({ query: VALID_QUERY }), { 'content-type': 'multipart/form-data', 'apollo-require-preflight': 'true' }),
    json('accept: nothing acceptable', JSON.stringify({ query: VALID_QUERY }), { accept: 'image/png' }),
    json('x-request-id: hostile', JSON.stringify({ query: VALID_QUERY }), { 'x-request-id': '../../\u00ff'.replace(/[^\x20-\x7e]/g, '?') + 'x'.repeat(200) }),
    json('authorization: not Bearer', JSON.stringify({ query: '{ me { id } }' }), { authorization: 'Basic Zm9vOmJhcg==' }),
    json('authorization: Bearer nothing', JSON.stringify({ query: '{ me { id } }' }), { authorization: 'Bearer ' }),
    json('authorization: alg none', JSON.stringify({ query: '{ me { id } }' }), { authorization: `Bearer ${noneJwt()}` }),
    json('x-device-id: hostile', JSON.stringify({ query: '{ me { id } }' }), { 'x-device-id': "'; DROP TABLE x; --" }),
    json('cookie: garbage', JSON.stringify({ query: '{ me { id } }' }), { cookie: 'vh_access=%%%; vh_refresh=\u0001'.replace(/[^\x20-\x7e]/g, '') }),
    json('x-forwarded-for: spoofed', JSON.stringify({ query: VALID_QUERY }), { 'x-forwarded-for': '1.2.3.4, ::1, nope' }),
    { label: 'GET with a query', request: { method: 'GET' as const, search: `?query=${encodeURIComponent(VALID_QUERY)}`, headers: { 'apollo-require-preflight': 'true' } } },
    { label: 'GET with a mutation', request: { method: 'GET' as const, search: `?query=${encodeURIComponent('mutation { logout }')}`, headers: { 'apollo-require-preflight': 'true' } } },
    { label: 'GET with variables not JSON', request: { method: 'GET' as const, search: `?query=${encodeURIComponent(VALID_QUERY)}&variables=%7Bnope`, headers: { 'apollo-require-preflight': 'true' } } },
    { label: 'GET with extensions not JSON', request: { method: 'GET' as const, search: `?extensions=%7Bnope`, headers: { 'apollo-require-preflight': 'true' } } },
    { label: 'GET without a query', request: { method: 'GET' as const, search: '?', headers: { 'apollo-require-preflight': 'true' } } },
    { label: 'GET without a preflight header (CSRF)', request: { method: 'GET' as const, search: `?query=${encodeURIComponent(VALID_QUERY)}`, headers: {} } },
  );
  // Any of them again through express (a browser's Origin), or random JSON as the body.
  return fc.oneof(
    { weight: 6, arbitrary: bodies },
    { weight: 2, arbitrary: bodies.map((b) => ({ label: `${b.label} (browser)`, request: { ...b.request, headers: { ...b.request.headers, origin } } })) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => json('body: random JSON', JSON.stringify(v))) },
  );
}

/** A JWT with `alg: none`: a classic forgery a verifier must refuse. */
function noneJwt(): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'someone', roles: ['admin'], exp: 4_102_444_800 })}.`;
}
