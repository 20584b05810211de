/**
 * Web app benchmark, in Chromium (playwright-core and /usr/bin/chromium, as in
 * test/web-chat.test.ts) against a whole stack in a child process whose gateway
 * serves the built app (run `npm run build:web` first).
 *
 *   node --import tsx bench/web.ts [--history 200] [--burst 50] [--loads 5] [--upload-mb 64] [--latency 150]
 *
 * What it measures:
 *  1. bundle: the JavaScript index.html loads before any screen (entry and
 *     preloads), gzip, and the lazily loaded explorer (GraphiQL + Monaco);
 *  2. chat screen ready: a conversation with `history` messages; the time from
 *     navigation start to the newest message being on screen with the message
 *     box enabled (performance.now() in the page at the first animation frame
 *     that shows it; cold = empty cache, then warm reloads);
 *  3. live burst: with the conversation open, `burst` messages are sent from
 *     outside the page, paced at several rates and all at once; the page
 *     records each message's arrival in the DOM (MutationObserver) and every
 *     animation frame (requestAnimationFrame). It prints how many messages per
 *     second the view rendered and how many frames it dropped meanwhile (a gap
 *     between frames of more than 1.5 × the idle frame interval counts
 *     round(gap / interval) − 1 dropped frames), next to an idle period of the
 *     same page for comparison.
 *
 *  4. upload: the upload screen sends a real Matroska file of `upload-mb` MiB
 *     (distinct bytes each time, so no upload is resumed or instant), once
 *     straight over loopback and once as a distant client sees it (Chromium's
 *     network emulation: no answer arrives sooner than `latency` ms after its
 *     request started, 150 by default): the time from its
 *     first `uploadChunk` request to its `completeUpload` request, and the
 *     most chunk requests it had in flight at once.
 *
 * It prints tables and the machine (cores, load average); it asserts no timing.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Page, type Request } from 'playwright-core';
import { ROOT } from '../lib/process/paths.js';
import { gql, intOption, must, pool, register, sleep } from './lib/client.js';
import { SendMessageDocument, StartConversationDocument } from '../testing/__generated__/operations.js';
import { fmt, formatTable, loadNow, machineLine, percentile } from './lib/report.js';
import { carriesFile, CHROMIUM, CHROMIUM_ARGS } from '../testing/browser.js';
import { startStackProcess } from './lib/stack-process.js';
import { videoFile } from './lib/uploads.js';


const { values } = parseArgs({
  options: { history: { type: 'string' }, burst: { type: 'string' }, loads: { type: 'string' }, 'upload-mb': { type: 'string' }, latency: { type: 'string' } },
});
const HISTORY = values.history ? intOption(values, 'history', 1) : 200;
const BURST = values.burst ? intOption(values, 'burst', 1) : 50;
const LOADS = values.loads ? intOption(values, 'loads', 1) : 5;
const UPLOAD_MB = values['upload-mb'] ? intOption(values, 'upload-mb', 1) : 64;
const LATENCY_MS = values.latency ? intOption(values, 'latency', 1) : 150;

interface PageProbe {
  document: { querySelector(s: string): { disabled?: boolean } | null; querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }> };
  performance: { now(): number };
  probe?: { frames: number[]; arrivals: number[]; stop(): void };
}

function bundle(): string[][] {
  const dist = path.join(ROOT, 'web/dist');
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error('web/dist is missing: run npm run build:web');
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const size = (files: string[]) => files.reduce((sum, f) => sum + readFileSync(path.join(dist, f)).length, 0);
  const gz = (files: string[]) => files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(dist, f))).length, 0);
  const explorer = readdirSync(path.join(dist, 'assets'))
    .filter((f) => /^(Explorer|monaco-editor)-.*\.js$/.test(f))
    .map((f) => `assets/${f}`);
  return [
    ['initial JS (index.html: entry + preloads)', `${fmt(size(initial) / 1024)} KB`, `${fmt(gz(initial) / 1024)} KB`],
    ['explorer, lazy (GraphiQL + Monaco, main chunks)', `${fmt(size(explorer) / 1024)} KB`, `${fmt(gz(explorer) / 1024)} KB`],
  ];
}

/** Time from navigation start to the newest message shown with the message box enabled, in ms (page clock). */
async function chatReady(page: Page, url: string, newestSeq: number): Promise<number> {
  await page.goto(url);
  const handle = await page.waitForFunction(
    (seq) => {
      const w = globalThis as unknown as PageProbe;
      const shown = w.document.querySelector(`.messages li[data-seq="${seq}"]`);
      const box = w.document.querySelector('.composer input');
      return shown && box && !box.disabled ? w.performance.now() : 0;
    },
    newestSeq,
    { polling: 'raf', timeout: 180_000 },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * Starts recording frames and message arrivals in the page. (Plain JavaScript text: tsx compiles
 * named functions with a `__name` helper that does not exist in the page.)
 */
const PROBE = `(() => {
  const frames = [];
  const arrivals = [];
  let running = true;
  function loop(t) {
    frames.push(t);
    if (running) requestAnimationFrame(loop);
  }
  requestAnimationFrame(loop);
  const observer = new MutationObserver((records) => {
    const t = performance.now();
    for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1 && n.getAttribute('data-seq')) arrivals.push(t);
  });
  observer.observe(document.querySelector('.messages'), { childList: true });
  globalThis.probe = { frames, arrivals, stop() { running = false; observer.disconnect(); } };
})()`;

async function startProbe(page: Page): Promise<void> {
  await page.evaluate(PROBE);
}

async function stopProbe(page: Page): Promise<{ frames: number[]; arrivals: number[] }> {
  return page.evaluate(() => {
    const w = globalThis as unknown as PageProbe;
    w.probe!.stop();
    return { frames: w.probe!.frames, arrivals: w.probe!.arrivals };
  });
}

function frameStats(frames: number[], from: number, to: number, interval: number) {
  const inWindow = frames.filter((t) => t >= from && t <= to);
  const gaps = inWindow.slice(1).map((t, i) => t - inWindow[i]!);
  const dropped = gaps.reduce((sum, g) => sum + (g > interval * 1.5 ? Math.round(g / interval) - 1 : 0), 0);
  const sorted = [...gaps].sort((x, y) => x - y);
  return { frames: inWindow.length, dropped, longest: sorted.at(-1) ?? 0, p95: sorted.length ? percentile(sorted, 95) : 0 };
}

/** The upload screen sends `file`, no answer arriving sooner than `latencyMs` after its request started; what its requests took. */
async function uploadThroughScreen(page: Page, base: string, file: string, title: string, latencyMs: number) {
  await page.goto(`${base}/upload`);
  // Set once the screen is loaded (set before, a navigation can leave it behind).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: latencyMs, downloadThroughput: -1, uploadThroughput: -1 });
  const operation = (r: Request) => /"operationName":"(\w+)"/.exec(r.postData() ?? '')?.[1];
  const inFlight = new Set<Request>();
  let most = 0;
  let firstChunk = 0;
  let complete = 0;
  const started = (r: Request) => {
    if (carriesFile(r)) {
      firstChunk ||= Date.now();
      inFlight.add(r);
      most = Math.max(most, inFlight.size);
    } else if (operation(r) === 'CompleteUpload') complete ||= Date.now();
  };
  const ended = (r: Request) => inFlight.delete(r);
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  try {
    await page.getByLabel('Video file').setInputFiles(file);
    await page.getByLabel('Title', { exact: true }).fill(title);
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForURL(/\/watch\/[^/]+$/, { timeout: 600_000 });
    if (!firstChunk || !complete) throw new Error(`the upload screen published without ${firstChunk ? 'a completeUpload' : 'any chunk'} request seen`);
    return { sendingMs: complete - firstChunk, totalMs: Date.now() - t0, most };
  } finally {
    page.off('request', started);
    page.off('requestfinished', ended);
    page.off('requestfailed', ended);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.detach();
  }
}

async function main(): Promise<void> {
  const loadBefore = loadNow();
  const out: string[] = [];
  out.push(formatTable(['bundle', 'raw', 'gzip'], bundle()));

  const stack = await startStackProcess({ env: { CHAT_SEND_LIMIT_PER_MINUTE: '1000000' }, startTimeoutMs: 180_000 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 120_000 });
  try {
    const url = stack.gatewayUrl;
    const base = new URL(url).origin;
    const tag = Date.now().toString(36).slice(-5);
    const reader = await register(url, `reader_${tag}`, 'Reader');
    const writer = await register(url, `writer_${tag}`, 'Writer');
    const conversationId = must('startConversation', await gql(url, StartConversationDocument, { userId: reader.id }, { token: writer.token })).startConversation.id;
    const sendAs = (n: number, text: string) => gql(url, SendMessageDocument, { conversationId, text, clientMessageId: `bench-${tag}-${n}` }, { token: writer.token });
    // History, in order (one at a time keeps seq = n).
    for (let n = 1; n <= HISTORY; n++) must('sendMessage', await sendAs(n, `History message ${n}: the quick brown fox jumps over the lazy dog.`));

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/signin`);
    await page.getByLabel('Username').fill(reader.username);
    await page.getByLabel('Password', { exact: true }).fill('bench-pass-word-99');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 120_000 });

    // 2. Ready with history: a cold load (fresh context's cache for the chat chunk), then warm ones.
    const chatUrl = `${base}/chat/${conversationId}`;
    const ready: number[] = [];
    for (let i = 0; i < LOADS; i++) ready.push(await chatReady(page, chatUrl, HISTORY));
    const warm = ready.slice(1).sort((x, y) => x - y);
    out.push(
      formatTable(
        ['chat screen ready', 'ms'],
        [
          [`first load (${HISTORY} messages of history, last 50 shown)`, fmt(ready[0]!, 0)],
          [`reloads, median of ${warm.length}`, warm.length ? fmt(percentile(warm, 50), 0) : '-'],
          ['reloads, slowest', warm.length ? fmt(warm.at(-1)!, 0) : '-'],
        ],
      ),
    );

    // 3. Bursts. Idle first: the frame interval this machine gives a page doing nothing.
    await startProbe(page);
    await sleep(2_000);
    const idle = await stopProbe(page);
    const idleGaps = idle.frames.slice(1).map((t, i) => t - idle.frames[i]!).sort((x, y) => x - y);
    const interval = percentile(idleGaps, 50);
    const idleStats = frameStats(idle.frames, idle.frames[0]!, idle.frames.at(-1)!, interval);
    const rows: string[][] = [['idle, 2 s', '-', '-', String(idleStats.frames), String(idleStats.dropped), fmt(idleStats.p95), fmt(idleStats.longest)]];
    let seq = HISTORY;
    let n = HISTORY;
    for (const rate of [10, 25, 50, 0]) {
      await startProbe(page);
      const first = seq + 1;
      const last = seq + BURST;
      const t0 = Date.now();
      if (rate === 0) await pool(Array.from({ length: BURST }, (_, i) => i), BURST, (i) => sendAs(++n, `Burst message ${i + 1}`).then((r) => must('sendMessage', r)));
      else
        for (let i = 0; i < BURST; i++) {
          await sleep(Math.max(0, t0 + (i * 1000) / rate - Date.now()));
          void sendAs(++n, `Paced message ${i + 1} at ${rate}/s`);
        }
      await page.locator(`.messages li[data-seq="${last}"]`).waitFor({ timeout: 180_000 });
      await sleep(300);
      const { frames, arrivals } = await stopProbe(page);
      seq = last;
      const from = arrivals[0]!;
      const to = arrivals.at(-1)!;
      const stats = frameStats(frames, from, to, interval);
      const rendered = arrivals.length > 1 ? ((arrivals.length - 1) / (to - from)) * 1000 : Number.NaN;
      rows.push([rate === 0 ? `${BURST} at once` : `${BURST} at ${rate}/s`, `${arrivals.length}/${last - first + 1}`, fmt(rendered), String(stats.frames), String(stats.dropped), fmt(stats.p95), fmt(stats.longest)]);
    }
    out.push(`frame interval when idle (median): ${fmt(interval)} ms`);
    out.push(formatTable(['live messages', 'rendered', 'msg/s rendered', 'frames', 'dropped frames', 'p95 gap ms', 'longest gap ms'], rows));

    // 4. Upload through the screen: distinct bytes per run (the tail carries the run), so nothing is resumed or instant.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'web-bench-upload-'));
    try {
      const uploads: string[][] = [];
      for (const latency of [0, LATENCY_MS]) {
        const bytes = Buffer.from(videoFile(UPLOAD_MB * 1024 * 1024));
        bytes.write(`${tag}-${latency}`.padEnd(16, '.'), bytes.length - 16, 'latin1');
        const file = path.join(dir, `upload-${latency}.mkv`);
        writeFileSync(file, bytes);
        const r = await uploadThroughScreen(page, base, file, `Bench upload ${tag} ${latency} ms`, latency);
        uploads.push([latency ? `answers >= ${latency} ms` : 'loopback', String(UPLOAD_MB), String(r.most), fmt(r.sendingMs / 1000, 2), fmt(UPLOAD_MB / (r.sendingMs / 1000)), fmt(r.totalMs / 1000, 2)]);
      }
      out.push(formatTable(['upload screen', 'MiB', 'chunks in flight, most', 'first chunk -> completeUpload s', 'MiB/s', 'click -> watch page s'], uploads));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await context.close();
  } finally {
    await browser.close();
    await stack.stop();
  }
  console.log(out.join('\n\n'));
  console.log(`\n${machineLine({ loadBefore })}, load average after ${fmt(loadNow(), 2)}`);
}

await main();
