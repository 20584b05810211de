/**
 * The web app in a real browser (testing/browser.ts): the app is served at `/`;
 * two people sign up and chat live (including across a dropped connection),
 * with read receipts, recall, blocking and groups; the assistant streams,
 * stops, draws and makes slides; the API explorer; a profile. Every screen is
 * saved as a PNG and checked with axe-core. The media screens (search, watch,
 * favourites, upload, notifications) are in test/web-media.test.ts.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { crc32, gzipSync, deflateSync } from 'node:zlib';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page, Request, Response } from 'playwright-core';
import { ROOT } from '../lib/process/paths.js';
import { createSignedInUser } from '../testing/fixtures.js';
import { startStack, type Stack } from '../testing/harness.js';
import { answerTokens, FakeLlm } from '../testing/fakeLlm.js';
import { ensureBuilt, noChromium, openTwoPeople, shot, signUp, texts, WAIT, type PageGlobals } from '../testing/browser.js';

async function send(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByLabel('Message', { exact: true }).press('Enter');
}

const MESSAGES = '.messages li:not(.pending) .text';

/** A real RGB PNG of `size`×`size` pixels (a diagonal gradient), for the avatar upload. */
function gradientPng(size: number): Buffer {
  const row = size * 3 + 1;
  const raw = Buffer.alloc(row * size);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) raw.set([40 + (x * 200) / size, 90, 255 - (y * 200) / size], y * row + 1 + x * 3);
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Resolves once `condition` holds, checking every 100 ms; fails after `WAIT`. For state outside the page (the fake model's records). */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The `refreshTokens` requests a page sends and what the gateway answered each
 * (status and body): when a page never signs back in, the failure says why
 * (refused as too soon, as a reuse...).
 */
function watchRefreshes(page: Page): { sent: string[]; answers: string[]; describe(): string; stop(): void } {
  const sent: string[] = [];
  const answers: string[] = [];
  const isRefresh = (body: string | null) => body?.includes('refreshTokens') ?? false;
  const onRequest = (req: Request) => {
    if (isRefresh(req.postData())) sent.push(req.postData()!);
  };
  const onResponse = (res: Response) => {
    if (!isRefresh(res.request().postData())) return;
    res.text().then(
      (body) => answers.push(`${res.status()} ${body}`),
      (err: Error) => answers.push(`${res.status()} (body not readable: ${err.message})`),
    );
  };
  page.on('request', onRequest);
  page.on('response', onResponse);
  return {
    sent,
    answers,
    describe: () => `refreshTokens sent ${sent.length} time(s); answers: ${answers.join(' | ') || 'none'}`,
    stop() {
      page.off('request', onRequest);
      page.off('response', onResponse);
    },
  };
}

describe('web app: chat, assistant, explorer, profile', { skip: noChromium }, () => {
  let stack: Stack;
  let base: string;
  let browser: Browser;
  let llm: FakeLlm;
  let bob: BrowserContext;
  let a: Page;
  let b: Page;
  const suffix = Date.now().toString(36).slice(-5);
  const aliceName = `alice_${suffix}`;
  const bobName = `bob_${suffix}`;
  /** Alice and Bob's conversation's page path. */
  let directChat = '';

  before(async () => {
    // A scripted OpenAI-compatible model for the assistant (testing/fakeLlm.ts).
    llm = await new FakeLlm().start();
    // The gateway serves the app only when web/dist is there as it starts.
    ensureBuilt();
    stack = await startStack({ CHAT_SEND_LIMIT_PER_MINUTE: '100000', LLM_BASE_URL: llm.url, LLM_MODEL: 'lite', LLM_API_KEYS: 'key-web-1' });
    base = new URL(stack.gateway.url).origin;
    ({ browser, bob, a, b } = await openTwoPeople());
  });

  after(async () => {
    await browser?.close();
    await stack?.dispose();
    await llm?.stop();
  });

  test('the gateway serves the app at / and its page paths, and keeps its own paths', async () => {
    const home = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
    assert.equal(home.status, 200);
    assert.match(await home.text(), /<div id="root"><\/div>/);
    const deep = await fetch(`${base}/chat/some-conversation`, { headers: { accept: 'text/html' } });
    assert.equal(deep.status, 200);
    assert.match(deep.headers.get('content-type') ?? '', /text\/html/);
    assert.equal((await fetch(`${base}/assets/missing.js`)).status, 404);
    assert.equal((await fetch(`${base}/metrics`, { headers: { accept: 'text/html' } })).status, 404);
    assert.deepEqual(await (await fetch(`${base}/health`)).json(), { status: 'ok', service: 'gateway' });
  });

  test('the JavaScript a first visit downloads stays within 250 KB gzip; heavier screens are separate files', () => {
    const dist = path.join(ROOT, 'web/dist');
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    // What the page loads before any screen is chosen: its entry script and the modules it preloads.
    const initial = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
    assert.ok(initial.length >= 1, 'index.html loads a script');
    const gzipped = initial.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(dist, file))).length, 0);
    assert.ok(gzipped <= 250_000, `initial JavaScript is ${gzipped} bytes gzip`);
    const lazy = readdirSync(path.join(dist, 'assets')).filter((f) => /^(Chat|Watch|Search|Upload|Assistant|Profile|Favourites|Explorer)-.*\.js$/.test(f));
    assert.equal(lazy.length, 8, `one lazily loaded file per heavy screen: ${lazy.join(', ')}`);
    // GraphiQL and its editor (megabytes) load only at /explorer.
    assert.deepEqual(initial.filter((f) => /Explorer|monaco|graphiql/i.test(f)), []);
    const explorer = readdirSync(path.join(dist, 'assets')).filter((f) => /^(Explorer|monaco-editor)-.*\.js$/.test(f));
    assert.equal(explorer.length, 2, `GraphiQL's code is in files of its own: ${explorer.join(', ')}`);
  });

  test('two people sign up; a chat started by one appears live and in order on the other side, also after a dropped connection', { timeout: 900_000 }, async () => {
    await signUp(a, base, aliceName);
    await shot(a, '01-home-signed-in-desktop');
    await b.goto(`${base}/signup`);
    await shot(b, '02-sign-up-mobile');
    await signUp(b, base, bobName);

    // Alice starts the conversation by username and writes three messages.
    await a.goto(`${base}/chat`);
    await a.getByLabel('Start a chat with').fill(bobName);
    await a.getByRole('button', { name: 'Start' }).click();
    await a.waitForURL(/\/chat\/[^/]+$/);
    directChat = new URL(a.url()).pathname;
    const first = ['Hello Bob', 'Are you there?', 'Third message'];
    for (const m of first) await send(a, m);
    await texts(a, MESSAGES, first);

    // Bob's list shows the conversation with its unread count; opening it shows them in order.
    await b.goto(`${base}/chat`);
    const entry = b.getByRole('link', { name: new RegExp(`^${aliceName.replace(/_.*/, '')} 3 unread`) });
    await entry.waitFor();
    await shot(b, '03-chat-list-unread-mobile');
    await entry.click();
    await texts(b, MESSAGES, first);

    // Live: what Alice sends now appears on Bob's open conversation, in order.
    const live = ['Live one', 'Live two', 'Live three'];
    for (const m of live) await send(a, m);
    await texts(b, MESSAGES, [...first, ...live]);
    await shot(a, '04-chat-conversation-desktop');
    await shot(b, '05-chat-conversation-mobile');

    // Bob drops off the network; Alice goes on writing; Bob comes back and gets each missed message once.
    await bob.setOffline(true);
    await b.getByText('Reconnecting…').waitFor();
    const missed = ['While you were away 1', 'While you were away 2', 'While you were away 3'];
    for (const m of missed) await send(a, m);
    await texts(a, MESSAGES, [...first, ...live, ...missed]);
    await shot(b, '06-chat-offline-mobile');
    await bob.setOffline(false);
    await texts(b, MESSAGES, [...first, ...live, ...missed]);
    const seqs = await b.$$eval('.messages li[data-seq]', (els) => els.map((e) => Number(e.getAttribute('data-seq'))));
    assert.deepEqual(seqs, [1, 2, 3, 4, 5, 6, 7, 8, 9]);

    // And it stays live after the reconnection, in both directions.
    await send(b, 'Back again');
    await texts(a, MESSAGES, [...first, ...live, ...missed, 'Back again']);
    await texts(b, MESSAGES, [...first, ...live, ...missed, 'Back again']);
    await shot(b, '07-chat-after-reconnect-mobile');
  });

  test('a page opened after the access cookie ran out refreshes the session once and carries on', { timeout: 900_000 }, async () => {
    const refreshes = watchRefreshes(b);
    try {
      // The page is opened anew: the previous one is gone first, so that it cannot refresh on its own
      // meanwhile (it would, on its next request) and only the new page's behaviour is counted.
      await b.goto('about:blank');
      // The browser drops the access cookie when it expires; the refresh cookie (7 days) stays.
      await bob.clearCookies({ name: 'vh_access' });
      assert.ok((await bob.cookies()).some((c) => c.name === 'vh_refresh'));
      await b.goto(`${base}/chat`);
      await b.getByRole('link', { name: aliceName.replace(/_.*/, '') }).waitFor().catch((err: Error) => {
        throw new Error(`${err.message}\n${refreshes.describe()}`);
      });
      assert.equal(refreshes.sent.length, 1);
      assert.ok((await bob.cookies()).some((c) => c.name === 'vh_access'), 'a new access cookie was set');
      await shot(b, '07b-chat-after-refresh-mobile');
    } finally {
      refreshes.stop();
    }
  });

  test('a refresh whose answer never reached the browser (the page was left) does not sign the person out', { timeout: 900_000 }, async () => {
    const alice = a.context();
    await a.goto('about:blank');
    await alice.clearCookies({ name: 'vh_access' });
    const held = (await alice.cookies()).filter((c) => c.name === 'vh_refresh' || c.name === 'vh_device');
    assert.equal(held.length, 2, 'refresh and device cookies');
    // The server rotates Alice's session and its answer, with the new cookies, is dropped: what
    // happens when the page that asked is left before the answer arrives.
    const lost = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', cookie: held.map((c) => `${c.name}=${c.value}`).join('; ') },
      body: JSON.stringify({ query: 'mutation { refreshTokens(delivery: COOKIE) { user { id } } }' }),
    });
    const lostBody = (await lost.json()) as { errors?: unknown[] };
    assert.equal(lostBody.errors, undefined, JSON.stringify(lostBody.errors));

    // The browser still holds the spent refresh cookie; the next page refreshes with it.
    const refreshes = watchRefreshes(a);
    try {
      await a.goto(`${base}/chat`);
      await a.getByRole('link', { name: bobName.replace(/_.*/, '') }).waitFor().catch((err: Error) => {
        throw new Error(`${err.message}\n${refreshes.describe()}`);
      });
      await until(() => refreshes.answers.length === 1, 'the refresh was answered');
      assert.doesNotMatch(refreshes.answers[0]!, /"errors"/, 'the spent token, within seconds of its rotation, got the current cookies');
      assert.ok((await alice.cookies()).some((c) => c.name === 'vh_access'), 'a new access cookie was set');
      // The session lives on: the next request is Alice's.
      await a.reload();
      await a.getByRole('link', { name: bobName.replace(/_.*/, '') }).waitFor();
    } finally {
      refreshes.stop();
    }
  });

  test('read receipts, recalling a message, blocking, and a group chat with several members', { timeout: 900_000 }, async () => {
    const alice = aliceName.replace(/_.*/, '');
    await a.goto(`${base}${directChat}`);
    await b.goto(`${base}${directChat}`);
    await texts(b, MESSAGES, ['Hello Bob', 'Are you there?', 'Third message', 'Live one', 'Live two', 'Live three', 'While you were away 1', 'While you were away 2', 'While you were away 3', 'Back again']);

    // Read receipts: Bob has the conversation open, so Alice's new message is read, and her page says so.
    await send(a, 'Did you see this?');
    await b.locator('.messages li', { hasText: 'Did you see this?' }).waitFor();
    await a.locator('.messages li', { hasText: 'Did you see this?' }).locator('.receipt', { hasText: /^Seen$/ }).waitFor();

    // Recall: Alice takes it back; both pages show it recalled, and Bob's no longer holds its text.
    await a.getByRole('button', { name: 'Recall “Did you see this?”' }).click();
    await a.locator('.messages li[data-seq="11"] .text', { hasText: 'Message recalled' }).waitFor();
    await b.locator('.messages li[data-seq="11"] .text', { hasText: 'Message recalled' }).waitFor();
    // The conversation list (hidden on a phone while a conversation is open) follows within a second: it refreshes at most once a second.
    await b.waitForFunction("!document.body.textContent.includes('Did you see this?')");
    assert.equal(await b.getByText('Did you see this?').count(), 0);
    await shot(a, '20-chat-receipt-recalled-desktop');
    await shot(b, '21-chat-recalled-mobile');

    // Block: while Bob blocks Alice, her message is refused and offers Retry; once unblocked the retry arrives.
    await b.getByRole('button', { name: `Block ${alice}` }).click();
    await b.getByRole('button', { name: `Unblock ${alice}` }).waitFor();
    await send(a, 'Still there?');
    await a.locator('.messages li.pending', { hasText: 'Not sent' }).waitFor();
    await shot(a, '22-chat-blocked-desktop');
    await b.getByRole('button', { name: `Unblock ${alice}` }).click();
    await b.getByRole('button', { name: `Block ${alice}` }).waitFor();
    await a.getByRole('button', { name: 'Retry' }).click();
    await b.locator('.messages li:not(.pending)', { hasText: 'Still there?' }).waitFor();
    const stored = await b.$$eval('.messages li[data-seq]', (els) => els.map((e) => Number(e.getAttribute('data-seq'))));
    assert.deepEqual(stored.slice(-2), [11, 12], 'the refused message was never stored: the retry is the next one');

    // A group: Alice names it and its members by username; Bob finds it with its unread count.
    const daveName = `dave_${suffix}`;
    await createSignedInUser(stack, daveName, 'Dave');
    await a.goto(`${base}/chat`);
    await a.getByRole('button', { name: 'New group' }).click();
    await a.getByLabel('Group name').fill('Weekend plans');
    await a.getByLabel('Members (usernames, separated by commas)').fill(`${bobName}, ${daveName}`);
    await a.getByRole('button', { name: 'Create group' }).click();
    await a.waitForURL(/\/chat\/[^/]+$/);
    await a.getByRole('heading', { name: 'Weekend plans · 3 members' }).waitFor();
    await send(a, 'Hi all');
    await texts(a, MESSAGES, ['Hi all']);
    await b.goto(`${base}/chat`);
    const group = b.getByRole('link', { name: /^Weekend plans 1 unread/ });
    await group.waitFor();
    await shot(b, '23-chat-list-group-mobile');
    await group.click();
    await texts(b, MESSAGES, ['Hi all']);
    await a.locator('.receipt', { hasText: 'Seen by 1 of 2' }).waitFor();
    await shot(a, '24-chat-group-desktop');
  });

  test('the assistant streams its answer into the page, and the turn is in the history afterwards', { timeout: 900_000 }, async () => {
    const prompt = 'what is danmaku';
    const answer = answerTokens(prompt).join('');
    await a.goto(`${base}/assistant`);
    await a.getByLabel('Ask the assistant').fill(prompt);
    await a.getByLabel('Ask the assistant').press('Enter');
    await a.locator('.turns .answer', { hasText: answer }).waitFor();
    await a.getByRole('button', { name: 'Ask' }).waitFor();
    await shot(a, '16-assistant-desktop');
    await a.reload();
    await texts(a, '.turns .answer', [answer]);
    await texts(a, '.turns .prompt', [`You asked: ${prompt}`]);
    assert.equal(llm.requests.length, 1);
  });

  test('Stop cancels a streaming answer: it stops growing, the model is cancelled, and the next question works', { timeout: 900_000 }, async () => {
    const prompt = 'tell me a slow story';
    const tokens = answerTokens(prompt);
    llm.tokenDelayMs = 400;
    try {
      await a.goto(`${base}/assistant`);
      const input = a.getByLabel('Ask the assistant');
      await input.fill(prompt);
      await input.press('Enter');
      const answer = a.locator('.turns li').last().locator('.answer');
      await answer.filter({ hasText: tokens.slice(0, 3).join('') }).waitFor();
      const calls = llm.requests.length;
      await a.getByRole('button', { name: 'Stop' }).click();
      await answer.filter({ hasText: '(stopped)' }).waitFor();
      // The provider's request is cancelled, so no more tokens can come.
      await until(() => llm.requests.at(-1)?.aborted === true, 'the model request to be cancelled');
      const stoppedAt = await answer.textContent();
      assert.ok(!stoppedAt!.includes(tokens.join('')), `stopped before the end: ${stoppedAt}`);
      // Usable again at once: Ask is back and the keyboard is in the question field.
      await a.getByRole('button', { name: 'Ask' }).waitFor();
      assert.equal(await input.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement), true);
      await shot(a, '28-assistant-stopped-desktop');
      llm.tokenDelayMs = 5;
      await input.fill('and a short one');
      await input.press('Enter');
      await a.locator('.turns .answer', { hasText: answerTokens('and a short one').join('') }).waitFor();
      await a.getByRole('button', { name: 'Ask' }).waitFor();
      // The stopped answer never grew after Stop, although the whole next answer streamed meanwhile.
      const turns = a.locator('.turns li');
      assert.equal(await turns.nth((await turns.count()) - 2).locator('.answer').textContent(), stoppedAt);
      assert.equal(llm.requests.length, calls + 1);
    } finally {
      llm.tokenDelayMs = 5;
    }
  });

  test('the assistant page draws an image and makes a slide deck, and says plainly when no model is set up', { timeout: 900_000 }, async () => {
    await a.goto(`${base}/assistant`);
    await a.getByLabel('Describe an image').fill('a red kite over the harbour');
    await a.getByRole('button', { name: 'Draw' }).click();
    const image = a.getByRole('img', { name: 'Generated: a red kite over the harbour' });
    await image.waitFor();
    await a.waitForFunction(() => Array.from((globalThis as unknown as PageGlobals).document.images).every((i) => i.complete));
    assert.ok((await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)) > 0, 'the generated image loads');

    await a.getByLabel('Topic for a slide deck').fill('Cats on the internet');
    await a.getByRole('button', { name: 'Make slides' }).click();
    const deck = a.getByRole('link', { name: 'Download “Cats on the internet” slides (.pptx)' });
    await deck.waitFor();
    const pptx = Buffer.from(await (await fetch((await deck.getAttribute('href'))!)).arrayBuffer());
    assert.equal(pptx.subarray(0, 2).toString('latin1'), 'PK', 'a .pptx (zip) file');
    await shot(a, '29-assistant-files-desktop');

    // A server without a model answers LLM_NOT_CONFIGURED: the page says what is missing instead of a code.
    await a.route('**/graphql', async (route) => {
      if (!/GenerateImage/.test(route.request().postData() ?? '')) return route.continue();
      await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ data: null, errors: [{ message: 'The assistant is not configured: set LLM_BASE_URL and LLM_API_KEYS.', extensions: { code: 'LLM_NOT_CONFIGURED' } }] }) });
    });
    try {
      await a.getByLabel('Describe an image').fill('anything');
      await a.getByRole('button', { name: 'Draw' }).click();
      await a.getByRole('alert').filter({ hasText: 'The assistant is not set up on this server (it needs a model provider: LLM_BASE_URL and LLM_API_KEYS).' }).waitFor();
    } finally {
      await a.unroute('**/graphql');
    }
  });

  test('the API explorer (GraphiQL, bundled) runs queries as the signed-in person without leaving this server', { timeout: 900_000 }, async () => {
    const elsewhere: string[] = [];
    const onRequest = (req: { url(): string }) => {
      const url = req.url();
      if (!url.startsWith(base) && !/^(data|blob):/.test(url)) elsewhere.push(url);
    };
    a.on('request', onRequest);
    try {
      await a.goto(`${base}/explorer`);
      // The editor (Monaco, with its workers) has the default query once it is ready to run it.
      await a.locator('.graphiql-query-editor', { hasText: 'Latest' }).waitFor();
      await a.getByRole('button', { name: /^Execute query/ }).click();
      // The default query asks who "me" is: the session cookie went with it.
      await a.locator('.graphiql-response', { hasText: `"username": "${aliceName}"` }).waitFor();
      await a.getByRole('button', { name: 'Show GraphiQL Explorer' }).click();
      // The query builder lists the schema's root fields.
      await a.locator('.docExplorerWrap').getByText('userByUsername').first().waitFor();
      await shot(a, '30-explorer-desktop');
    } finally {
      a.off('request', onRequest);
    }
    assert.deepEqual(elsewhere, [], 'the explorer loads nothing from other hosts');
  });

  test('a profile: edit name, bio and avatar, choose privacy; another person follows and unfollows with the counts following', { timeout: 900_000 }, async () => {
    const alice = aliceName.replace(/_.*/, '');
    // Bob follows Alice from her page.
    await b.goto(`${base}/u/${aliceName}`);
    await b.getByRole('heading', { name: alice, level: 1 }).waitFor();
    await b.getByText('0 followers').waitFor();
    await b.getByRole('button', { name: 'Follow' }).click();
    await b.getByText('1 follower', { exact: true }).waitFor();
    await b.getByRole('button', { name: 'Following', pressed: true }).waitFor();
    await b.getByRole('list', { name: 'Followers' }).getByRole('link', { name: bobName.replace(/_.*/, '') }).waitFor();
    await shot(b, '31-profile-followed-mobile');

    // Alice edits her own profile: reached from her name in the header.
    await a.goto(`${base}/`);
    await a.getByRole('link', { name: alice, exact: true }).click();
    await a.waitForURL(new RegExp(`/u/${aliceName}$`));
    await a.getByText('1 follower', { exact: true }).waitFor();
    await a.getByLabel('Display name', { exact: true }).fill('Alice Liddell');
    await a.getByLabel('Bio').fill('Films harbours at dusk.');
    await a.getByLabel(/^Avatar/).setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: gradientPng(96) });
    await a.getByRole('button', { name: 'Save profile' }).click();
    await a.getByText('Profile saved.').waitFor();
    await a.getByRole('heading', { name: 'Alice Liddell', level: 1 }).waitFor();
    await a.locator('.bio', { hasText: 'Films harbours at dusk.' }).waitFor();
    const avatar = a.getByRole('img', { name: 'Alice Liddell’s avatar' });
    await avatar.waitFor();
    await a.waitForFunction(() => Array.from((globalThis as unknown as PageGlobals).document.images).every((i) => i.complete));
    assert.equal(await avatar.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), 96, 'the uploaded picture is served back');
    await a.getByRole('banner').getByRole('link', { name: 'Alice Liddell' }).waitFor();

    // Privacy: only Alice may now see her follow lists; the counts stay public.
    await a.getByLabel('Who may see whom I follow and who follows me').selectOption('ONLY_ME');
    await a.getByText('Privacy saved.').waitFor();
    await shot(a, '32-profile-edit-desktop');
    await b.reload();
    await b.getByRole('heading', { name: 'Alice Liddell', level: 1 }).waitFor();
    await b.getByText('Hidden by their privacy settings.').first().waitFor();
    await b.getByText('1 follower', { exact: true }).waitFor();

    // Unfollow: the count goes back.
    await b.getByRole('button', { name: 'Following' }).click();
    await b.getByText('0 followers').waitFor();
    await b.getByRole('button', { name: 'Follow', pressed: false }).waitFor();
    await shot(b, '33-profile-unfollowed-mobile');
  });
});
