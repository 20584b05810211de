/**
 * docs/clients.md cannot drift: every example operation under docs/examples/ is
 * referenced by the guide, and each one runs against a live stack, in the order
 * the guide introduces them, doing what the guide says it does (sign up, sign
 * in, refresh, upload in parallel chunks, resume, direct-to-storage, publish,
 * instant upload, pagination, CSRF, chat without gaps, sign out).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT } from '../lib/process/paths.js';
import { gql, gqlUpload, startStack, subscribe, wsClient, type GraphQLResponse, type Stack } from '../testing/harness.js';
import { largeMkv, sha256 } from '../testing/media.js';
import { spentRefreshKey } from '../subgraphs/user/sessions.js';
import { refreshClaims } from '../testing/accounts.js';

const GUIDE = path.join(ROOT, 'docs', 'clients.md');
const EXAMPLES = path.join(ROOT, 'docs', 'examples');
/** Example files in the order the steps below first run them. */
const used: string[] = [];
const example = (file: string) => {
  if (!used.includes(file)) used.push(file);
  return readFileSync(path.join(EXAMPLES, file), 'utf8');
};

/** Example files in the order the guide first mentions them. */
function guideReferences(): string[] {
  const text = readFileSync(GUIDE, 'utf8');
  const refs = [...text.matchAll(/examples\/([\w.-]+\.graphql)/g)].map((m) => m[1]!);
  return [...new Set(refs)];
}

type Vars = Record<string, unknown>;
interface Session {
  userId: string;
  username: string;
  accessToken: string;
  refreshToken: string;
  deviceId: string;
}
interface UploadState {
  id: string;
  status: string;
  chunkSize: number;
  chunkCount: number;
  receivedChunks: number[];
  proofChallenge: { ranges: { offset: number; length: number }[]; expiresAt: string } | null;
}

const ok = <T>(res: GraphQLResponse<T>, what: string): T => {
  assert.equal(res.errors, undefined, `${what}: ${JSON.stringify(res.errors)}`);
  assert.ok(res.data, `${what}: no data`);
  return res.data;
};
const codeOf = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.code;

describe('the client guide (docs/clients.md) runs as written', () => {
  let stack: Stack;
  let url: string;
  const password = 'guide-pass-123';
  const s: {
    alice?: Session;
    bob?: Session;
    upload?: UploadState;
    videoId?: string;
    bobUpload?: UploadState;
    conversationId?: string;
    firstMessage?: { id: string; seq: number };
  } = {};
  const file = largeMkv();
  const fileSha = sha256(file);

  /** As an app sends every request: bearer token and its device id. */
  const app = (who: Session) => ({ token: who.accessToken, headers: { 'x-device-id': who.deviceId } });
  const run = <T>(f: string, variables: Vars = {}, opts: { token?: string; headers?: Record<string, string> } = {}) => gql<T, Vars>(url, example(f), variables, opts);
  const chunkOf = (u: UploadState, index: number) => file.subarray(index * u.chunkSize, Math.min(file.length, (index + 1) * u.chunkSize));
  const sendChunk = (who: Session, u: UploadState, index: number) => {
    const bytes = chunkOf(u, index);
    return gqlUpload<{ uploadChunk: { index: number; stored: boolean; receivedCount: number; chunkCount: number } }>(
      url,
      example('06-upload-chunk.graphql'),
      { uploadId: u.id, index, chunk: null, checksum: sha256(bytes) },
      { 'variables.chunk': { bytes, filename: `chunk-${index}` } },
      app(who),
    );
  };

  /** The guide's walk-through; `uses` names the examples a step introduces (for the test names). */
  const steps: { uses: string[]; name: string; run: () => Promise<void> }[] = [
    {
      name: 'register (apps: tokens in the body)',
      uses: ['01-register.graphql'],
      run: async () => {
        for (const name of ['alice', 'bob'] as const) {
          const res = await run<{ register: { user: { id: string; username: string }; accessToken: string; refreshToken: string; deviceId: string } }>('01-register.graphql', {
            username: `guide_${name}_${randomUUID().slice(0, 8)}`,
            password,
          });
          const r = ok(res, 'register').register;
          assert.ok(r.accessToken && r.refreshToken && r.deviceId, 'BODY delivery returns both tokens and a device id');
          s[name] = { userId: r.user.id, username: r.user.username, accessToken: r.accessToken, refreshToken: r.refreshToken, deviceId: r.deviceId };
        }
      },
    },
    {
      name: 'log in as an app with the device id, and as a browser with cookies',
      uses: ['02-login.graphql', '03-me.graphql'],
      run: async () => {
        const alice = s.alice!;
        const res = await run<{ login: { accessToken: string; refreshToken: string; deviceId: string } }>('02-login.graphql', { username: alice.username, password }, { headers: { 'x-device-id': alice.deviceId } });
        const l = ok(res, 'login').login;
        assert.equal(l.deviceId, alice.deviceId, 'the device id sent as x-device-id is kept');
        Object.assign(alice, { accessToken: l.accessToken, refreshToken: l.refreshToken });
        const me = ok(await run<{ me: { id: string } }>('03-me.graphql', {}, app(alice)), 'me');
        assert.equal(me.me.id, alice.userId);
        assert.equal(ok(await run<{ me: null }>('03-me.graphql'), 'me anonymous').me, null, 'anonymous: me is null');

        const browser = await run<{ login: { accessToken: string | null; refreshToken: string | null } }>('02-login.graphql', { username: alice.username, password, delivery: 'COOKIE' });
        assert.equal(ok(browser, 'cookie login').login.accessToken, null, 'COOKIE delivery leaves the token fields null');
        const cookies = browser.headers.getSetCookie();
        for (const name of ['vh_access', 'vh_refresh', 'vh_device']) {
          const c = cookies.find((x) => x.startsWith(`${name}=`));
          assert.ok(c && /HttpOnly/i.test(c), `${name} is set HTTP-only`);
        }
        const jar = cookies.map((c) => c.split(';')[0]).join('; ');
        assert.equal(ok(await run<{ me: { id: string } }>('03-me.graphql', {}, { headers: { cookie: jar } }), 'me by cookie').me.id, alice.userId);
      },
    },
    {
      name: 'refresh: rotates both tokens; a second refresh within a minute is RATE_LIMITED; a spent token gets the current tokens for 30 s, then signs the session out',
      uses: ['04-refresh-tokens.graphql'],
      run: async () => {
        const alice = s.alice!;
        const spent = alice.refreshToken;
        const r = ok(await run<{ refreshTokens: { accessToken: string; refreshToken: string } }>('04-refresh-tokens.graphql', { refreshToken: spent }, app(alice)), 'refresh').refreshTokens;
        assert.notEqual(r.refreshToken, spent);
        Object.assign(alice, { accessToken: r.accessToken, refreshToken: r.refreshToken });
        const again = await run('04-refresh-tokens.graphql', { refreshToken: alice.refreshToken }, app(alice));
        assert.equal(codeOf(again), 'RATE_LIMITED');
        assert.ok(Number(again.errors![0]!.extensions!.retryAfterSeconds) > 0, 'retryAfterSeconds says how long');
        assert.equal(ok(await run<{ me: { id: string } }>('03-me.graphql', {}, app(alice)), 'me after rate limit').me.id, alice.userId, 'the current tokens keep working');

        // Bob's session shows what a second refresh with an already used token does: within 30 s
        // it is a lost answer retried and gets the current tokens; after that it is taken as theft.
        const bob = s.bob!;
        const used = bob.refreshToken;
        const fresh = ok(await run<{ refreshTokens: { accessToken: string; refreshToken: string } }>('04-refresh-tokens.graphql', { refreshToken: used }, app(bob)), 'bob refresh').refreshTokens;
        const retried = ok(await run<{ refreshTokens: { accessToken: string; refreshToken: string } }>('04-refresh-tokens.graphql', { refreshToken: used }, app(bob)), 'bob retries').refreshTokens;
        assert.equal(ok(await run<{ me: { id: string } }>('03-me.graphql', {}, { token: retried.accessToken, headers: { 'x-device-id': bob.deviceId } }), 'me after retry').me.id, bob.userId);
        // The 30 s passing, without the wait: the window's key deleted.
        await stack.redis.del(spentRefreshKey(refreshClaims(used).fam));
        const replay = await run('04-refresh-tokens.graphql', { refreshToken: used }, app(bob));
        assert.equal(codeOf(replay), 'UNAUTHENTICATED', 'a spent refresh token is refused');
        const after = await run('03-me.graphql', {}, { token: fresh.accessToken, headers: { 'x-device-id': bob.deviceId } });
        assert.equal(after.status, 401, 'and the whole session is signed out, new tokens included');
        assert.equal(codeOf(after), 'UNAUTHENTICATED');
        const again2 = ok(await run<{ login: { accessToken: string; refreshToken: string } }>('02-login.graphql', { username: bob.username, password }, { headers: { 'x-device-id': bob.deviceId } }), 'bob login').login;
        Object.assign(bob, { accessToken: again2.accessToken, refreshToken: again2.refreshToken });
      },
    },
    {
      name: 'chunked upload: init, chunks 0 and 2 in parallel, status shows 1 missing, chunk 1 presigned and confirmed, complete',
      uses: ['05-init-upload.graphql', '06-upload-chunk.graphql', '07-upload-status.graphql', '08-presign-chunk-upload.graphql', '09-confirm-chunk.graphql', '10-complete-upload.graphql'],
      run: async () => {
        const alice = s.alice!;
        const init = ok(await run<{ initUpload: { upload: UploadState } }>('05-init-upload.graphql', { filename: 'guide.mkv', size: file.length, sha256: fileSha, chunkSize: 5 * 1024 * 1024 }, app(alice)), 'initUpload').initUpload.upload;
        assert.equal(init.status, 'UPLOADING');
        assert.equal(init.chunkCount, Math.ceil(file.length / init.chunkSize));
        assert.ok(init.chunkCount >= 3, 'the test file spans three chunks');
        s.upload = init;

        const sent = await Promise.all([0, 2].map((i) => sendChunk(alice, init, i)));
        for (const r of sent) assert.equal(ok(r, 'uploadChunk').uploadChunk.stored, true);
        const retried = ok(await sendChunk(alice, init, 0), 'uploadChunk again').uploadChunk;
        assert.equal(retried.stored, false, 'a re-sent chunk is recognised, not stored twice');

        const status = ok(await run<{ uploadStatus: UploadState }>('07-upload-status.graphql', { uploadId: init.id }, app(alice)), 'uploadStatus').uploadStatus;
        const missing = Array.from({ length: status.chunkCount }, (_, i) => i).filter((i) => !status.receivedChunks.includes(i));
        assert.deepEqual(missing, [1]);

        const presigned = ok(await run<{ presignChunkUpload: { url: string; method: string } }>('08-presign-chunk-upload.graphql', { uploadId: init.id, index: 1 }, app(alice)), 'presign').presignChunkUpload;
        assert.equal(presigned.method, 'PUT');
        const bytes = chunkOf(init, 1);
        const put = await fetch(presigned.url, { method: 'PUT', body: bytes });
        assert.ok(put.ok, `PUT to storage: ${put.status}`);
        const confirmed = ok(await run<{ confirmChunk: { stored: boolean; receivedCount: number; chunkCount: number } }>('09-confirm-chunk.graphql', { uploadId: init.id, index: 1, checksum: sha256(bytes) }, app(alice)), 'confirmChunk').confirmChunk;
        assert.equal(confirmed.stored, true);
        assert.equal(confirmed.receivedCount, confirmed.chunkCount);

        const done = ok(await run<{ completeUpload: { status: string } }>('10-complete-upload.graphql', { uploadId: init.id }, app(alice)), 'completeUpload').completeUpload;
        assert.equal(done.status, 'COMPLETED');
      },
    },
    {
      name: 'publish the completed upload',
      uses: ['11-publish-video.graphql'],
      run: async () => {
        const alice = s.alice!;
        const v = ok(await run<{ publishVideo: { id: string; sha256: string; playbackUrl: string; tags: string[] } }>('11-publish-video.graphql', { input: { uploadId: s.upload!.id, title: 'Guide clip', tags: ['guide', 'test'] } }, app(alice)), 'publishVideo').publishVideo;
        assert.equal(v.sha256, fileSha);
        assert.deepEqual(v.tags, ['guide', 'test']);
        const played = await fetch(v.playbackUrl, { headers: { range: 'bytes=0-15' } });
        assert.equal(played.status, 206, 'playbackUrl serves byte ranges');
        await played.arrayBuffer();
        s.videoId = v.id;
      },
    },
    {
      name: 'instant upload: the same content answers a proof challenge instead of sending chunks',
      uses: ['12-prove-upload.graphql'],
      run: async () => {
        const bob = s.bob!;
        const init = ok(await run<{ initUpload: { upload: UploadState } }>('05-init-upload.graphql', { filename: 'copy.mkv', size: file.length, sha256: fileSha }, app(bob)), 'bob initUpload').initUpload.upload;
        assert.ok(init.proofChallenge, 'content already stored comes with a challenge');
        const proofs = init.proofChallenge.ranges.map((r) => sha256(file.subarray(r.offset, r.offset + r.length)));
        const proven = ok(await run<{ proveUpload: { status: string; proofChallenge: unknown } }>('12-prove-upload.graphql', { uploadId: init.id, proofs }, app(bob)), 'proveUpload').proveUpload;
        assert.equal(proven.status, 'COMPLETED');
        assert.equal(proven.proofChallenge, null);
        ok(await run('11-publish-video.graphql', { input: { uploadId: init.id, title: 'Same bytes' } }, app(bob)), 'bob publish');
      },
    },
    {
      name: 'pagination, and GET with the CSRF header',
      uses: ['13-videos-page.graphql'],
      run: async () => {
        type Page = { videos: { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
        const seen: string[] = [];
        let after: string | null = null;
        for (;;) {
          const page: Page = ok(await run<Page>('13-videos-page.graphql', { first: 1, after }), 'videos page');
          seen.push(...page.videos.edges.map((e) => e.node.id));
          if (!page.videos.pageInfo.hasNextPage) break;
          after = page.videos.pageInfo.endCursor;
        }
        assert.equal(seen.length, 2, 'two pages of one, then hasNextPage is false');
        assert.equal(new Set(seen).size, 2);
        assert.ok(seen.includes(s.videoId!));

        const query = new URLSearchParams({ query: example('13-videos-page.graphql'), variables: JSON.stringify({ first: 5 }) });
        const refused = await fetch(`${url}?${query}`);
        assert.equal(refused.status, 400, 'a GET without apollo-require-preflight is refused (CSRF prevention)');
        const refusedBody = (await refused.json()) as { errors: { extensions: { code: string } }[] };
        assert.equal(refusedBody.errors[0]!.extensions.code, 'BAD_REQUEST');
        const got = await fetch(`${url}?${query}`, { headers: { 'apollo-require-preflight': 'true' } });
        const body = (await got.json()) as { data?: Page; errors?: unknown };
        assert.equal(got.status, 200, JSON.stringify(body));
        assert.equal(body.data!.videos.edges.length, 2);
      },
    },
    {
      name: 'chat: subscribe with afterSeq, send idempotently, resume after a disconnect without gaps, read the history, mark read',
      uses: ['14-start-conversation.graphql', '15-message-events.graphql', '16-send-message.graphql', '17-messages.graphql', '18-mark-read.graphql'],
      run: async () => {
        const alice = s.alice!;
        const bob = s.bob!;
        const c = ok(await run<{ startConversation: { id: string; lastSeq: number } }>('14-start-conversation.graphql', { userId: bob.userId }, app(alice)), 'startConversation').startConversation;
        assert.equal(ok(await run<{ startConversation: { id: string } }>('14-start-conversation.graphql', { userId: alice.userId }, app(bob)), 'from bob').startConversation.id, c.id, 'one conversation per pair');
        s.conversationId = c.id;

        type Event = { messageEvents: { kind: string; message: { id: string; seq: number; text: string } | null } };
        const socket = wsClient(url, { token: bob.accessToken, deviceId: bob.deviceId });
        const live = subscribe<Event>(socket, example('15-message-events.graphql'), { conversationId: c.id, afterSeq: c.lastSeq });
        const clientMessageId = randomUUID();
        const first = ok(await run<{ sendMessage: { id: string; seq: number } }>('16-send-message.graphql', { conversationId: c.id, text: 'hello from the guide', clientMessageId }, app(alice)), 'sendMessage').sendMessage;
        const retry = ok(await run<{ sendMessage: { id: string; seq: number } }>('16-send-message.graphql', { conversationId: c.id, text: 'hello from the guide', clientMessageId }, app(alice)), 'sendMessage retry').sendMessage;
        assert.deepEqual(retry, first, 'a retry with the same clientMessageId returns the stored message');
        const [event] = await live.waitFor(1);
        assert.equal(event!.data!.messageEvents.kind, 'MESSAGE');
        assert.equal(event!.data!.messageEvents.message!.seq, first.seq);
        s.firstMessage = first;
        live.stop();
        await socket.dispose();

        // Offline, Alice sends two more; Bob resumes from the last seq he has.
        for (const text of ['second', 'third']) ok(await run('16-send-message.graphql', { conversationId: c.id, text, clientMessageId: randomUUID() }, app(alice)), 'send while offline');
        const again = wsClient(url, { token: bob.accessToken, deviceId: bob.deviceId });
        const resumed = subscribe<Event>(again, example('15-message-events.graphql'), { conversationId: c.id, afterSeq: first.seq });
        const replay = await resumed.waitFor(2);
        assert.deepEqual(replay.slice(0, 2).map((r) => r.data!.messageEvents.message!.seq), [first.seq + 1, first.seq + 2], 'replayed in order, nothing missing');
        resumed.stop();
        await again.dispose();

        const history = ok(await run<{ messages: { seq: number; text: string }[] }>('17-messages.graphql', { conversationId: c.id, afterSeq: 0 }, app(bob)), 'messages').messages;
        assert.deepEqual(history.map((m) => m.text), ['hello from the guide', 'second', 'third']);
        const older = ok(await run<{ messages: { seq: number }[] }>('17-messages.graphql', { conversationId: c.id, beforeSeq: first.seq + 2, first: 1 }, app(bob)), 'messages before').messages;
        assert.deepEqual(older.map((m) => m.seq), [first.seq + 1]);

        const read = ok(await run<{ markRead: { lastReadSeq: number; unreadCount: number; lastSeq: number } }>('18-mark-read.graphql', { conversationId: c.id, seq: first.seq + 2 }, app(bob)), 'markRead').markRead;
        assert.equal(read.lastReadSeq, read.lastSeq);
        assert.equal(read.unreadCount, 0);
      },
    },
    {
      name: 'log out: the access token stops working at once',
      uses: ['19-logout.graphql'],
      run: async () => {
        const alice = s.alice!;
        assert.equal(ok(await run<{ logout: boolean }>('19-logout.graphql', {}, app(alice)), 'logout').logout, true);
        const after = await run('03-me.graphql', {}, app(alice));
        assert.equal(after.status, 401);
        assert.equal(codeOf(after), 'UNAUTHENTICATED');
      },
    },
  ];

  test('docs/clients.md references every example under docs/examples, and no other', () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.graphql')).sort();
    assert.deepEqual([...guideReferences()].sort(), files);
  });

  before(async () => {
    stack = await startStack();
    url = stack.gateway.url;
  });
  after(async () => {
    await stack?.dispose();
  });

  for (const step of steps) test(`${step.name} (${step.uses.join(', ')})`, { timeout: 240_000 }, () => step.run());

  test('the walk-through ran every example, in the order the guide introduces them', () => {
    assert.deepEqual(used, guideReferences());
  });
});
