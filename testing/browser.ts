/**
 * The browser side of the web app's tests (test/web-*.test.ts): Chromium
 * through playwright-core against a whole stack whose gateway serves the built
 * app at `/`. Every screen a test saves is a PNG under test/screenshots/
 * (git-ignored), checked with axe-core: no `serious` or `critical`
 * accessibility violation.
 *
 * The app is built first when web/dist is missing or older than its sources.
 * Chromium: /usr/bin/chromium (Debian package `chromium`, installed by
 * scripts/install-system-deps.sh) or CHROMIUM_PATH; without one the tests are skipped.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { ROOT } from '../lib/process/paths.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps calling out of a machine that may have no network.
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SHOTS = path.join(ROOT, 'test/screenshots');
/** A busy machine: generous, and only ever a ceiling on waiting for an event. */
export const WAIT = 120_000;

/**
 * Whether the page's request carries a file: the upload screen's `uploadChunk`,
 * the only multipart request it sends. Chromium's request events show no body
 * of such a request, so its operation cannot be read from it.
 */
export function carriesFile(request: Request): boolean {
  return request.headers()['content-type']?.startsWith('multipart/form-data') === true;
}

/** Why the browser tests cannot run here (no Chromium), or false. */
export const noChromium: string | false = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds web/dist unless it is newer than every source of the app. */
export function ensureBuilt(): void {
  const index = path.join(ROOT, 'web/dist/index.html');
  const sources = Math.max(newestMtime(path.join(ROOT, 'web/src')), statSync(path.join(ROOT, 'web/index.html')).mtimeMs, statSync(path.join(ROOT, 'web/vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', path.join(ROOT, 'web/vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit' });
  assert.equal(r.status, 0, 'the web app did not build');
}

export interface PageGlobals {
  document: { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>; images: ArrayLike<{ complete: boolean }> };
}

const AXE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeResults {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/** axe-core on the page as it is now: no `serious` or `critical` accessibility violation. */
export async function accessible(page: Page, name: string): Promise<void> {
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
export async function shot(page: Page, name: string): Promise<void> {
  // Covers load on their own time: the picture waits for them (a broken one counts as loaded).
  await page.waitForFunction(() => Array.from((globalThis as unknown as PageGlobals).document.images).every((i) => i.complete), undefined, { timeout: WAIT });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  await accessible(page, name);
}

/** Waits until the elements matching `selector` hold exactly `expected`, in order; says what was there otherwise. */
export async function texts(page: Page, selector: string, expected: string[]): Promise<void> {
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

export async function signUp(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/signup`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Display name (optional)').fill(username.replace(/_.*/, ''));
  await page.getByLabel('Password', { exact: true }).fill('correct-horse-9');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: WAIT });
}

/** Two people in one Chromium: Alice on a desktop, Bob on a 375 px phone screen. */
export interface TwoPeople {
  browser: Browser;
  alice: BrowserContext;
  bob: BrowserContext;
  a: Page;
  b: Page;
}

/** Builds the app when needed and opens Chromium with one page for each of two people. */
export async function openTwoPeople(): Promise<TwoPeople> {
  ensureBuilt();
  mkdirSync(SHOTS, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: WAIT });
  // One person on a desktop, the other on a 375 px phone screen.
  const alice = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const bob = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  for (const c of [alice, bob]) c.setDefaultTimeout(WAIT);
  return { browser, alice, bob, a: await alice.newPage(), b: await bob.newPage() };
}
