/**
 * The web app in a real browser (Chromium through playwright-core) against a
 * whole stack whose gateway serves the built app at `/`: two people sign up,
 * chat live (including across a dropped connection), and search for a video and
 * watch it. Every screen is saved as a PNG under test/screenshots/ (git-ignored)
 * and checked with axe-core: no `serious` or `critical` accessibility violation.
 *
 * The app is built first when web/dist is missing or older than its sources.
 * Chromium: /usr/bin/chromium (Debian package `chromium`, installed by
 * scripts/install-system-deps.sh) or CHROMIUM_PATH; without one the test is skipped.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../lib/process/paths.js';
import { gql, gqlUpload, startStack, type Stack } from '../testing/harness.js';
import { answerTokens, FakeLlm } from '../testing/fakeLlm.js';
import { largeMkv, sha256, smallMp4 } from '../testing/media.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps calling out of a machine that may have no network.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = path.join(ROOT, 'test/screenshots');
/** A busy machine: generous, and only ever a ceiling on waiting for an event. */
const WAIT = 120_000;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds web/dist unless it is newer than every source of the app. */
function ensureBuilt(): void {
  const index = path.join(ROOT, 'web/dist/index.html');
  const sources = Math.max(newestMtime(path.join(ROOT, 'web/src')), statSync(path.join(ROOT, 'web/index.html')).mtimeMs, statSync(path.join(ROOT, 'web/vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', path.join(ROOT, 'web/vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit' });
  assert.equal(r.status, 0, 'the web app did not build');
}

interface PageGlobals {
  document: { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>; images: ArrayLike<{ complete: boolean }> };
}

const AXE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeResults {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/** axe-core on the page as it is now: no `serious` or `critical` accessibility violation. */
async function accessible(page: Page, name: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: AXE });
  const { violations } = await page.evaluate(() => (globalThis as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`),
    [],
    `accessibility violations on ${name}`,
  );
}

/** Saves the screen as a PNG, then checks it with axe-core. */
async function shot(page: Page, name: string): Promise<void> {
  // Covers load on their own time: the picture waits for them (a broken one counts as loaded).
  await page.waitForFunction(() => Array.from((globalThis as unknown as PageGlobals).document.images).every((i) => i.complete), undefined, { timeout: WAIT });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  await accessible(page, name);
}

/** Waits until the elements matching `selector` hold exactly `expected`, in order; says what was there otherwise. */
async function texts(page: Page, selector: string, expected: string[]): Promise<void> {
  try {
    await page.waitForFunction(
      // Runs in the page; this project's type-checking has no DOM types.
      ([sel, exp]) => JSON.stringify(Array.from((globalThis as unknown as PageGlobals).document.querySelectorAll(sel), (e) => e.textContent)) === JSON.stringify(exp),
      [selector, expected] as const,
      { timeout: WAIT },
    );
  } catch (err) {
    const actual = await page.$$eval(selector, (els) => els.map((e) => e.textContent));
    assert.fail(`${selector}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)} (${(err as Error).message.split('\n')[0]})`);
  }
}

async function signUp(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/signup`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Display name (optional)').fill(username.replace(/_.*/, ''));
  await page.getByLabel('Password', { exact: true }).fill('correct-horse-9');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: WAIT });
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByLabel('Message', { exact: true }).press('Enter');
}

const MESSAGES = '.messages li:not(.pending) .text';

describe('web app', { skip: existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)` }, () => {
  let stack: Stack;
  let base: string;
  let browser: Browser;
  let llm: FakeLlm;
  let alice: BrowserContext;
  let bob: BrowserContext;
  let a: Page;
  let b: Page;
  const suffix = Date.now().toString(36).slice(-5);
  const aliceName = `alice_${suffix}`;
  const bobName = `bob_${suffix}`;
  /** The video Alice uploads through the page. */
  let aliceVideoId: string | undefined;

  before(async () => {
    ensureBuilt();
    mkdirSync(SHOTS, { recursive: true });
    // A scripted OpenAI-compatible model for the assistant (testing/fakeLlm.ts).
    llm = await new FakeLlm().start();
    stack = await startStack({ CHAT_SEND_LIMIT_PER_MINUTE: '100000', LLM_BASE_URL: llm.url, LLM_MODEL: 'lite', LLM_API_KEYS: 'key-web-1' });
    base = new URL(stack.gateway.url).origin;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: WAIT });
    // One person on a desktop, the other on a 375 px phone screen.
    alice = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    bob = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    for (const c of [alice, bob]) c.setDefaultTimeout(WAIT);
    a = await alice.newPage();
    b = await bob.newPage();
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
    const lazy = readdirSync(path.join(dist, 'assets')).filter((f) => /^(Chat|Watch|Search|Upload|Assistant)-.*\.js$/.test(f));
    assert.equal(lazy.length, 5, `one lazily loaded file per heavy screen: ${lazy.join(', ')}`);
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
    const refreshes: string[] = [];
    const onRequest = (req: { postData(): string | null }) => {
      if (req.postData()?.includes('refreshTokens')) refreshes.push(req.postData()!);
    };
    b.on('request', onRequest);
    try {
      // The browser drops the access cookie when it expires; the refresh cookie (7 days) stays.
      await bob.clearCookies({ name: 'vh_access' });
      assert.ok((await bob.cookies()).some((c) => c.name === 'vh_refresh'));
      await b.goto(`${base}/chat`);
      await b.getByRole('link', { name: aliceName.replace(/_.*/, '') }).waitFor();
      assert.equal(refreshes.length, 1);
      assert.ok((await bob.cookies()).some((c) => c.name === 'vh_access'), 'a new access cookie was set');
      await shot(b, '07b-chat-after-refresh-mobile');
    } finally {
      b.off('request', onRequest);
    }
  });

  test('search suggests while typing and finds a published video, which plays with likes, comments and danmaku', { timeout: 900_000 }, async () => {
    // A video published through the API by a third person.
    const registered = await gql<{ register: { accessToken: string } }, Record<string, unknown>>(stack.gateway.url, `mutation { register(username: "carol_${suffix}", password: "uploads-4-all", displayName: "Carol") { accessToken } }`);
    assert.equal(registered.errors, undefined, JSON.stringify(registered.errors));
    const token = registered.data!.register.accessToken;
    const bytes = smallMp4();
    const init = await gql<{ initUpload: { upload: { id: string } } }, Record<string, unknown>>(stack.gateway.url, `mutation($s: Float!, $h: String!) { initUpload(filename: "harbour.mp4", size: $s, sha256: $h) { upload { id } } }`, { s: bytes.length, h: sha256(bytes) }, { token });
    assert.equal(init.errors, undefined, JSON.stringify(init.errors));
    const uploadId = init.data!.initUpload.upload.id;
    const chunk = await gqlUpload(stack.gateway.url, `mutation($u: ID!, $c: Upload!, $h: String!) { uploadChunk(uploadId: $u, index: 0, chunk: $c, checksum: $h) { index } }`, { u: uploadId, c: null, h: sha256(bytes) }, { 'variables.c': { bytes, filename: 'chunk-0' } }, { token });
    assert.equal(chunk.errors, undefined, JSON.stringify(chunk.errors));
    const completed = await gql(stack.gateway.url, `mutation($u: ID!) { completeUpload(uploadId: $u) { status } }`, { u: uploadId }, { token });
    assert.equal(completed.errors, undefined, JSON.stringify(completed.errors));
    const title = 'Harbour sunset timelapse';
    const published = await gql<{ publishVideo: { id: string } }, Record<string, unknown>>(stack.gateway.url, `mutation($i: PublishVideoInput!) { publishVideo(input: $i) { id } }`, { i: { uploadId, title, description: 'Boats coming home at dusk', tags: ['harbour', 'sunset'] } }, { token });
    assert.equal(published.errors, undefined, JSON.stringify(published.errors));
    const videoId = published.data!.publishVideo.id;

    // Home lists it.
    await a.goto(`${base}/`);
    await a.getByRole('link', { name: new RegExp(title) }).waitFor();
    await shot(a, '08-home-desktop');
    await b.goto(`${base}/`);
    await b.getByRole('link', { name: new RegExp(title) }).waitFor();
    await shot(b, '09-home-mobile');

    // Suggestions while typing (the index catches up on its own: the listbox waits for it).
    await a.goto(`${base}/search`);
    const box = a.getByRole('combobox', { name: 'Search videos and people' });
    await box.pressSequentially('harb', { delay: 80 });
    const suggestion = a.getByRole('option', { name: new RegExp(title, 'i') });
    try {
      await suggestion.waitFor({ timeout: 30_000 });
    } catch {
      // Indexed after the first keystrokes: typing again asks again.
      await box.fill('');
      await box.pressSequentially('harbo', { delay: 80 });
      await suggestion.waitFor();
    }
    await shot(a, '10-search-suggestions-desktop');

    // Keyboard: down to the suggestion and Enter opens the video.
    await box.press('ArrowDown');
    assert.equal(await box.getAttribute('aria-activedescendant'), await a.getByRole('option').first().getAttribute('id'));
    await box.fill('harbour sunset');
    await box.press('Enter');
    await a.waitForURL(/\/search\?q=harbour/);
    const result = a.getByRole('link', { name: new RegExp(title) });
    await result.waitFor();
    await shot(a, '11-search-results-desktop');
    await result.click();

    // The watch page: the player on the video's URL, like, comment, danmaku over the video.
    await a.waitForURL(new RegExp(`/watch/${videoId}$`));
    await a.getByRole('heading', { name: title, level: 1 }).waitFor();
    const src = await a.locator('video').getAttribute('src');
    const stored = await gql<{ video: { playbackUrl: string } }, Record<string, unknown>>(stack.gateway.url, `query($id: ID!) { video(id: $id) { playbackUrl } }`, { id: videoId });
    // Presigned: the same object, signed at another second.
    assert.equal(new URL(src!).pathname, new URL(stored.data!.video.playbackUrl).pathname);
    await a.getByRole('button', { name: /Like · 0/ }).click();
    await a.getByRole('button', { name: /Liked · 1/ }).waitFor();
    await a.getByLabel('Add a comment').fill('Lovely light');
    await a.getByRole('button', { name: 'Comment' }).click();
    await a.getByText('Lovely light').waitFor();

    // Bob watches too: Alice's danmaku reaches him live, over his player.
    await b.goto(`${base}/watch/${videoId}`);
    await b.getByRole('heading', { name: title, level: 1 }).waitFor();
    await a.getByLabel('Send a danmaku at the current time').fill('First!');
    await a.getByLabel('Send a danmaku at the current time').press('Enter');
    await a.locator('.danmaku', { hasText: 'First!' }).waitFor();
    await b.locator('.danmaku', { hasText: 'First!' }).waitFor();
    await shot(a, '12-watch-danmaku-desktop');
    await shot(b, '13-watch-danmaku-mobile');
    const danmakus = await gql<{ danmakus: { text: string }[] }, Record<string, unknown>>(stack.gateway.url, `query($id: ID!) { danmakus(videoId: $id) { text } }`, { id: videoId });
    assert.deepEqual(danmakus.data!.danmakus.map((d) => d.text), ['First!']);
  });

  test('an upload cut off mid-way resumes without sending again what the server has, then publishes', { timeout: 900_000 }, async () => {
    const file = largeMkv(); // three 5 MiB chunks
    const sent: number[] = [];
    let cut = false;
    // The connection drops while the second chunk is on its way.
    await a.route('**/graphql', async (route) => {
      const body = route.request().postDataBuffer()?.toString('latin1') ?? '';
      const chunk = /"operationName":"UploadChunk"|mutation UploadChunk/.test(body) ? /"index":(\d+)/.exec(body) : null;
      if (chunk) sent.push(Number(chunk[1]));
      if (chunk?.[1] === '1' && !cut) {
        cut = true;
        await route.abort('internetdisconnected');
        return;
      }
      await route.continue();
    });
    await a.goto(`${base}/upload`);
    await a.getByLabel('Video file').setInputFiles({ name: 'test-card.mkv', mimeType: 'video/x-matroska', buffer: file });
    await a.getByLabel('Title', { exact: true }).fill('Test card in three pieces');
    await a.getByLabel('Tags, separated by commas (optional)').fill('testcard, resume');
    await a.getByRole('button', { name: 'Upload' }).click();
    await a.getByRole('alert').filter({ hasText: 'The connection was lost' }).waitFor();
    await shot(a, '14-upload-interrupted-desktop');
    assert.deepEqual(sent, [0, 1]);

    // Upload again: the page finds the upload by the file's hash and sends only what is missing.
    await a.getByRole('button', { name: 'Upload' }).click();
    await a.waitForURL(/\/watch\/[^/]+$/);
    await a.getByRole('heading', { name: 'Test card in three pieces', level: 1 }).waitFor();
    await a.unroute('**/graphql');
    assert.deepEqual(sent, [0, 1, 1, 2]);
    const videoId = new URL(a.url()).pathname.split('/').pop()!;
    aliceVideoId = videoId;
    const stored = await gql<{ video: { sha256: string; size: number; tags: string[] } }, Record<string, unknown>>(stack.gateway.url, `query($id: ID!) { video(id: $id) { sha256 size tags } }`, { id: videoId });
    assert.deepEqual(stored.data!.video, { sha256: sha256(file), size: file.length, tags: ['testcard', 'resume'] });
    await shot(a, '15-watch-after-upload-desktop');
  });

  test('a comment on her video rings her bell live; opening the list shows it and marks it read', { timeout: 900_000 }, async () => {
    assert.ok(aliceVideoId, 'the upload test published a video');
    // Queries go as GET (urql), so the document is in the URL.
    const inboxLoaded = a.waitForResponse((r) => new URL(r.url()).searchParams.get('query')?.startsWith('query Inbox') ?? false);
    await a.goto(`${base}/`);
    await inboxLoaded;
    const quiet = a.getByRole('button', { name: 'Notifications', exact: true });
    await quiet.waitFor();
    // A mark on this page's window: still there afterwards means the page was never reloaded.
    await a.evaluate(() => Object.assign(globalThis, { notReloaded: true }));

    await b.goto(`${base}/watch/${aliceVideoId}`);
    await b.getByLabel('Add a comment').fill('Nice test card');
    await b.getByRole('button', { name: 'Comment' }).click();
    await b.getByText('Nice test card').waitFor();

    const ringing = a.getByRole('button', { name: 'Notifications 1 unread', exact: true });
    await ringing.waitFor();
    assert.equal(await a.evaluate(() => 'notReloaded' in globalThis), true, 'the count went up without a reload');
    await shot(a, '17-bell-unread-desktop');
    await ringing.click();
    const panel = a.getByRole('region', { name: 'Notifications' });
    const item = panel.getByRole('link', { name: 'bob commented on your video: “Nice test card”' });
    await item.waitFor();
    await quiet.waitFor();
    await shot(a, '18-notifications-open-desktop');

    // Read on the server too: a fresh page shows no count, and the notification leads to the video.
    await a.reload();
    await quiet.waitFor();
    await quiet.click();
    await item.click();
    await a.waitForURL(new RegExp(`/watch/${aliceVideoId}$`));

    // On a phone: an empty inbox says so.
    await b.getByRole('button', { name: 'Notifications', exact: true }).click();
    await b.getByRole('region', { name: 'Notifications' }).getByText('No notifications yet.').waitFor();
    await shot(b, '19-notifications-empty-mobile');
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
});
