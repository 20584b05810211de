/**
 * The web app's media screens in a real browser (testing/browser.ts): search
 * suggests and finds a video that plays with likes, comments and danmaku; a
 * favourites folder; an upload cut off mid-way resumes, and a second person's
 * identical upload publishes at once; a comment rings the uploader's bell live.
 * Every screen is saved as a PNG and checked with axe-core. The chat and other
 * screens are in test/web-chat.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page, Request } from 'playwright-core';
import { createSignedInUser } from '../testing/fixtures.js';
import { gql, gqlUpload, startStack, type Stack } from '../testing/harness.js';
import { largeMkv, sha256, smallMp4 } from '../testing/media.js';
import { carriesFile, ensureBuilt, noChromium, openTwoPeople, shot, signUp } from '../testing/browser.js';
import {
  CompleteUploadDocument,
  PublishVideoDocument,
  UploadChunkDocument,
  InitUploadDocument,
  VideoDanmakuRangeDocument,
  VideoDetailsDocument,
} from '../testing/__generated__/operations.js';

describe('web app: search, watch, favourites, upload, notifications', { skip: noChromium }, () => {
  let stack: Stack;
  let base: string;
  let browser: Browser;
  let a: Page;
  let b: Page;
  const suffix = Date.now().toString(36).slice(-5);
  const aliceName = `alice_${suffix}`;
  const bobName = `bob_${suffix}`;
  /** The video Alice uploads through the page. */
  let aliceVideoId: string | undefined;
  /** The video Carol publishes through the API. */
  let harbourVideoId: string | undefined;

  before(async () => {
    // The gateway serves the app only when web/dist is there as it starts.
    ensureBuilt();
    stack = await startStack({});
    base = new URL(stack.gateway.url).origin;
    ({ browser, a, b } = await openTwoPeople());
    await signUp(a, base, aliceName);
    await signUp(b, base, bobName);
  });

  after(async () => {
    await browser?.close();
    await stack?.dispose();
  });

  test('search suggests while typing and finds a published video, which plays with likes, comments and danmaku', { timeout: 900_000 }, async () => {
    // A video published through the API by a third person.
    const { accessToken: token } = await createSignedInUser(stack, `carol_${suffix}`, 'Carol');
    const bytes = smallMp4();
    const init = await gql(stack.gateway.url, InitUploadDocument, { filename: 'harbour.mp4', size: bytes.length, sha256: sha256(bytes) }, { token });
    assert.equal(init.errors, undefined, JSON.stringify(init.errors));
    const uploadId = init.data!.initUpload.upload.id;
    const chunk = await gqlUpload(stack.gateway.url, UploadChunkDocument, { uploadId, index: 0, chunk: null, checksum: sha256(bytes) }, { 'variables.chunk': { bytes, filename: 'chunk-0' } }, { token });
    assert.equal(chunk.errors, undefined, JSON.stringify(chunk.errors));
    const completed = await gql(stack.gateway.url, CompleteUploadDocument, { uploadId }, { token });
    assert.equal(completed.errors, undefined, JSON.stringify(completed.errors));
    const title = 'Harbour sunset timelapse';
    const published = await gql(stack.gateway.url, PublishVideoDocument, { input: { uploadId, title, description: 'Boats coming home at dusk', tags: ['harbour', 'sunset'] } }, { token });
    assert.equal(published.errors, undefined, JSON.stringify(published.errors));
    const videoId = published.data!.publishVideo.id;
    harbourVideoId = videoId;

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
    const stored = await gql(stack.gateway.url, VideoDetailsDocument, { id: videoId });
    // Presigned: the same object, signed at another second.
    assert.equal(new URL(src!).pathname, new URL(stored.data!.video!.playbackUrl).pathname);
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
    const danmakus = await gql(stack.gateway.url, VideoDanmakuRangeDocument, { videoId });
    assert.deepEqual(danmakus.data!.danmakus.map((d) => d.text), ['First!']);
  });

  test('a video is saved into a new favourites folder from its page, and the favourites page lists it', { timeout: 900_000 }, async () => {
    assert.ok(harbourVideoId, 'the search test published a video');
    await a.goto(`${base}/watch/${harbourVideoId}`);
    await a.getByRole('button', { name: '☆ Favourite' }).click();
    await a.getByText('No folders yet: create one.').waitFor();
    await a.getByLabel('New folder name').fill('Sunsets');
    await a.getByRole('button', { name: 'Create folder' }).click();
    const folder = a.getByLabel('Folder', { exact: true });
    await folder.waitFor();
    assert.equal(await folder.locator('option:checked').textContent(), 'Sunsets (0)');
    await a.getByRole('button', { name: 'Save to folder' }).click();
    await a.getByText('Saved to “Sunsets”.').waitFor();
    await shot(a, '25-watch-favourite-desktop');
    await a.getByRole('link', { name: 'See favourites' }).click();
    await a.waitForURL(/\/favourites$/);
    const list = a.getByRole('list', { name: 'Videos in Sunsets' });
    await list.getByRole('link', { name: /Harbour sunset timelapse/ }).waitFor();
    await a.getByRole('heading', { name: /^Sunsets · 1 video · public/ }).waitFor();
    await shot(a, '26-favourites-desktop');

    // On a phone: a folder made on the favourites page itself, empty for now.
    await b.goto(`${base}/favourites`);
    await b.getByLabel('New folder').fill('Watch later');
    await b.getByRole('button', { name: 'Create folder' }).click();
    await b.getByRole('heading', { name: /^Watch later · 0 videos · public/ }).waitFor();
    await shot(b, '27-favourites-mobile');
  });

  test('an upload sends its chunks a few at a time; cut off mid-way, it resumes without sending again what the server has, then publishes', { timeout: 900_000 }, async () => {
    const file = largeMkv(); // three 5 MiB chunks
    const sent: number[] = [];
    let cut = false;
    // Chunk 0 is held until chunk 2 is on its way too (or a minute has passed):
    // a page that sends one chunk at a time never gets there.
    let thirdArrived!: () => void;
    const third = new Promise<void>((resolve) => (thirdArrived = resolve));
    let inFlightTogether = false;
    // The connection drops while the second chunk is on its way.
    await a.route('**/graphql', async (route) => {
      const body = route.request().postDataBuffer()?.toString('latin1') ?? '';
      const chunk = /"operationName":"UploadChunk"|mutation UploadChunk/.test(body) ? /"index":(\d+)/.exec(body) : null;
      if (chunk) sent.push(Number(chunk[1]));
      if (chunk?.[1] === '2') thirdArrived();
      if (chunk?.[1] === '0' && sent.length <= 3) {
        inFlightTogether = await Promise.race([third.then(() => true), sleep(60_000, false, { ref: false })]);
      }
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
    assert.deepEqual([...sent].sort((x, y) => x - y), [0, 1, 2], 'each chunk was sent once');
    assert.ok(inFlightTogether, 'chunk 2 was sent while chunk 0 was still on its way');

    // Upload again: the page finds the upload by the file's hash and sends only what is missing:
    // chunks 0 and 2 arrived whole while chunk 1 was cut off.
    await a.getByRole('button', { name: 'Upload' }).click();
    await a.waitForURL(/\/watch\/[^/]+$/);
    await a.getByRole('heading', { name: 'Test card in three pieces', level: 1 }).waitFor();
    await a.unroute('**/graphql');
    assert.deepEqual(sent.slice(3), [1]);
    const videoId = new URL(a.url()).pathname.split('/').pop()!;
    aliceVideoId = videoId;
    const stored = (await gql(stack.gateway.url, VideoDetailsDocument, { id: videoId })).data!.video!;
    assert.deepEqual({ sha256: stored.sha256, size: stored.size, tags: stored.tags }, { sha256: sha256(file), size: file.length, tags: ['testcard', 'resume'] });
    await shot(a, '15-watch-after-upload-desktop');
  });

  test('a second person uploading the same file gets it published at once, without sending it', { timeout: 900_000 }, async () => {
    const file = largeMkv();
    const chunks: string[] = [];
    const proofs: string[] = [];
    const watch = (req: Request) => {
      if (carriesFile(req)) chunks.push(req.url());
      const body = req.postDataBuffer()?.toString('latin1') ?? '';
      if (/ProveUpload/.test(body)) proofs.push(body.slice(0, 80));
    };
    b.on('request', watch);
    try {
      await b.goto(`${base}/upload`);
      await b.getByLabel('Video file').setInputFiles({ name: 'same-card.mkv', mimeType: 'video/x-matroska', buffer: file });
      await b.getByLabel('Title', { exact: true }).fill('The same test card');
      await b.getByRole('button', { name: 'Upload' }).click();
      await b.waitForURL(/\/watch\/[^/]+$/);
      await b.getByText('Published instantly: the server already had this file, so nothing was uploaded.').waitFor();
      await b.getByRole('heading', { name: 'The same test card', level: 1 }).waitFor();
    } finally {
      b.off('request', watch);
    }
    assert.deepEqual(chunks, [], 'no chunk was sent');
    assert.equal(proofs.length, 1, 'the page proved it holds the file instead');
    const videoId = new URL(b.url()).pathname.split('/').pop()!;
    const stored = (await gql(stack.gateway.url, VideoDetailsDocument, { id: videoId })).data!.video!;
    assert.deepEqual({ sha256: stored.sha256, size: stored.size, uploader: stored.uploader }, { sha256: sha256(file), size: file.length, uploader: { username: bobName } });
    await shot(b, '16b-watch-instant-upload-mobile');
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
});
