/**
 * The AI assistant: answers streamed token by token, served from the key pool,
 * with failover that continues a broken answer.
 *
 * One answer, as a loop over keys:
 * 1. take a key from the pool for `text` (fair queue, at most N calls per key
 *    across every instance);
 * 2. stream from the provider, handing each token to the client as it comes;
 * 3. if the key fails before the end (network drop, 429, 5xx, an error inside
 *    the stream), exclude it for this answer and take another; when tokens were
 *    already sent, the new key gets the partial answer and an instruction to
 *    continue exactly where it stopped, so the client's text runs on without a
 *    seam. A key that fails authentication leaves the pool for everyone;
 * 4. when no key is left (or the queue times out), the client gets one ERROR
 *    event, with discardPartial when tokens were already sent.
 *
 * The client stopping the subscription aborts the provider request at once
 * (tokens nobody reads are not paid for). History (the last turns of a thread)
 * lives in its repository (assistantHistory.ts); a turn is stored only once complete.
 */
import { randomUUID } from 'node:crypto';
import type { GraphQLError } from 'graphql';
import * as pptxgen from 'pptxgenjs';
import type Presentation from 'pptxgenjs';
import { ErrorCode, appError, badInput } from '../../lib/errors.js';
import { cancellable } from '../../lib/iterators.js';
import type { Logger } from '../../lib/observability/logger.js';
import type { ObjectStore } from '../../lib/storage/objectStore.js';
import type { AssistantHistoryStore, Turn } from './assistantHistory.js';
import type { Capability, CredentialPool, Lease } from './credentialPool.js';
import { ProviderError, generateImageBytes, streamCompletion, type ChatMessage, type Usage } from './llm.js';

export const MAX_PROMPT_LENGTH = 4000;
/** History entries kept per thread (more than are sent, so ASSISTANT_HISTORY_TURNS can grow). @default 50 */
const HISTORY_KEEP = 50;
/** Characters of history sent at most, whatever the number of turns. @default 12000 */
const HISTORY_MAX_CHARS = 12_000;
/** Lifetime of generated files' URLs. @default 24 hours */
const GENERATED_URL_TTL_SECONDS = 24 * 3600;

const SYSTEM_PROMPT = 'You are the helpful assistant of a video platform. Answer clearly and concisely in the language of the question.';
export const CONTINUE_INSTRUCTION =
  'Your previous answer was cut off. Continue it exactly where it stopped: do not repeat anything already written, do not add any preface, start with the very next characters.';

export type AssistantEventModel =
  | { kind: 'TOKEN'; text: string }
  | { kind: 'DONE'; fullText: string; usage: Usage }
  | { kind: 'ERROR'; error: string; code: string; discardPartial: boolean };


export interface AssistantConfig {
  baseUrl: string;
  model: string;
  imageModel: string;
  historyTurns: number;
  leaseTtlMs: number;
}

/** What the assistant's functions need. */
export interface AssistantDeps {
  viewerId: string;
  /** Absent when no provider is configured (LLM_NOT_CONFIGURED). */
  assistant?: { pool: CredentialPool; settings: AssistantConfig } | undefined;
  history: AssistantHistoryStore;
  /** Where generated files go. */
  objects: Pick<ObjectStore, 'put' | 'presignedGet'>;
  log: Logger;
}

function requireAssistant(d: AssistantDeps): { pool: CredentialPool; settings: AssistantConfig } {
  if (!d.assistant) {
    throw appError(ErrorCode.LLM_NOT_CONFIGURED, 'The assistant is not configured: set LLM_BASE_URL, LLM_MODEL and LLM_API_KEYS (comma-separated keys) and restart the chat service.', {
      variables: ['LLM_BASE_URL', 'LLM_MODEL', 'LLM_API_KEYS'],
    });
  }
  return d.assistant;
}

function threadOf(conversationId: string | null | undefined): string {
  if (conversationId == null) return 'default';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(conversationId)) throw badInput('conversationId is 1-64 letters, digits, _ or -.');
  return conversationId;
}

export function history(d: Pick<AssistantDeps, 'viewerId' | 'history'>, conversationId: string | null | undefined, limit: number): Promise<Turn[]> {
  return d.history.recent(d.viewerId, threadOf(conversationId), limit);
}

export async function clearHistory(d: Pick<AssistantDeps, 'viewerId' | 'history'>, conversationId: string | null | undefined): Promise<boolean> {
  await d.history.clear(d.viewerId, threadOf(conversationId));
  return true;
}

/** The context sent to the model: recent turns, newest kept first when the budget runs out. */
function contextMessages(turns: Turn[]): ChatMessage[] {
  const kept: Turn[] = [];
  let chars = 0;
  for (const turn of [...turns].reverse()) {
    chars += turn.prompt.length + turn.answer.length;
    if (chars > HISTORY_MAX_CHARS) break;
    kept.unshift(turn);
  }
  return kept.flatMap((t) => [
    { role: 'user' as const, content: t.prompt },
    { role: 'assistant' as const, content: t.answer },
  ]);
}

/** A rough count where the provider reports none (about 4 characters a token). */
const estimateTokens = (text: string) => Math.ceil(text.length / 4);

/** Takes a key, keeps its lease alive while `work` runs, releases it after. */
async function withKey<T>(pool: CredentialPool, capability: Capability, signal: AbortSignal, exclude: Set<string>, leaseTtlMs: number, work: (lease: Lease) => Promise<T>): Promise<T> {
  const lease = await pool.acquire(capability, { signal, exclude });
  const renew = setInterval(() => void lease.renew().catch(() => undefined), Math.max(1000, Math.floor(leaseTtlMs / 3)));
  try {
    return await work(lease);
  } finally {
    clearInterval(renew);
    await lease.release().catch(() => undefined);
  }
}

export async function assistantAnswer(d: AssistantDeps, args: { conversationId?: string | null; prompt: string }): Promise<AsyncGenerator<{ assistantAnswer: AssistantEventModel }>> {
  const { pool, settings } = requireAssistant(d);
  const prompt = args.prompt.trim();
  if (!prompt) throw badInput('The prompt is empty.', { field: 'prompt' });
  if (prompt.length > MAX_PROMPT_LENGTH) throw badInput(`Prompts are at most ${MAX_PROMPT_LENGTH} characters.`, { field: 'prompt' });
  const userId = d.viewerId;
  const thread = threadOf(args.conversationId);
  const past = settings.historyTurns ? await d.history.recent(userId, thread, settings.historyTurns) : [];
  const base: ChatMessage[] = [{ role: 'system', content: SYSTEM_PROMPT }, ...contextMessages(past), { role: 'user', content: prompt }];
  const log = d.log.child({ assistant: randomUUID() });

  return cancellable(async function* (signal) {
    let answer = '';
    let usage: Usage | undefined;
    const failed = new Set<string>();
    for (;;) {
      const messages = answer ? [...base, { role: 'assistant' as const, content: answer }, { role: 'user' as const, content: CONTINUE_INSTRUCTION }] : base;
      // Tokens are handed over through a queue so that the generator yields them while the lease is held.
      const tokens: string[] = [];
      let wake: () => void = () => {};
      let done = false;
      let failure: unknown;
      const work = withKey(pool, 'text', signal, failed, settings.leaseTtlMs, async (lease) => {
        try {
          for await (const part of streamCompletion({ baseUrl: settings.baseUrl, model: settings.model, key: lease.key, messages, signal })) {
            if (part.delta) {
              tokens.push(part.delta);
              wake();
            }
            if (part.usage) usage = addUsage(usage, part.usage);
          }
        } catch (err) {
          if (err instanceof ProviderError && err.kind !== 'aborted') {
            failed.add(lease.keyId);
            if (err.kind === 'auth') await pool.disable(lease.keyId, err.message);
            log.warn({ keyId: lease.keyId, kind: err.kind, sent: answer.length }, 'assistant: key failed; failing over');
          }
          throw err;
        }
      }).then(
        () => {
          done = true;
          wake();
        },
        (err: unknown) => {
          failure = err;
          done = true;
          wake();
        },
      );
      for (;;) {
        while (tokens.length) {
          const text = tokens.shift()!;
          answer += text;
          yield { assistantAnswer: { kind: 'TOKEN' as const, text } };
        }
        if (done) break;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      await work;
      if (signal.aborted) return;
      if (!failure) break;
      if (failure instanceof ProviderError) continue; // the next key continues the answer
      const error = failure as GraphQLError;
      yield {
        assistantAnswer: {
          kind: 'ERROR' as const,
          error: error.message,
          code: String(error.extensions?.code ?? ErrorCode.UPSTREAM_UNAVAILABLE),
          discardPartial: answer.length > 0,
        },
      };
      return;
    }
    const finalUsage = usage ?? { promptTokens: estimateTokens(base.map((m) => m.content).join(' ')), completionTokens: estimateTokens(answer), totalTokens: 0 };
    if (!finalUsage.totalTokens) finalUsage.totalTokens = finalUsage.promptTokens + finalUsage.completionTokens;
    const turn: Turn = { prompt, answer, createdAt: new Date().toISOString() };
    await d.history.append(userId, thread, turn, HISTORY_KEEP);
    yield { assistantAnswer: { kind: 'DONE' as const, fullText: answer, usage: finalUsage } };
  });
}

function addUsage(a: Usage | undefined, b: Usage): Usage {
  // After a failover each key reports its own call; the answer cost both.
  if (!a) return b;
  return { promptTokens: a.promptTokens + b.promptTokens, completionTokens: a.completionTokens + b.completionTokens, totalTokens: a.totalTokens + b.totalTokens };
}

/** Runs a non-streamed provider call with failover across keys. */
async function withFailover<T>(d: AssistantDeps, capability: Capability, work: (key: string) => Promise<T>): Promise<T> {
  const { pool, settings } = requireAssistant(d);
  const failed = new Set<string>();
  const signal = AbortSignal.timeout(120_000);
  for (;;) {
    try {
      return await withKey(pool, capability, signal, failed, settings.leaseTtlMs, async (lease) => {
        try {
          return await work(lease.key);
        } catch (err) {
          if (err instanceof ProviderError) {
            failed.add(lease.keyId);
            if (err.kind === 'auth') await pool.disable(lease.keyId, err.message);
          }
          throw err;
        }
      });
    } catch (err) {
      if (!(err instanceof ProviderError)) throw err;
    }
  }
}

async function store(d: AssistantDeps, bytes: Buffer, ext: string, contentType: string) {
  const key = `generated/${d.viewerId}/${randomUUID()}.${ext}`;
  await d.objects.put(key, bytes, bytes.length, contentType);
  return { url: await d.objects.presignedGet(key, GENERATED_URL_TTL_SECONDS), contentType, size: bytes.length };
}

export async function generateImage(d: AssistantDeps, prompt: string) {
  const { settings } = requireAssistant(d);
  const text = prompt.trim();
  if (!text || text.length > 1000) throw badInput('Image prompts are 1-1000 characters.', { field: 'prompt' });
  const bytes = await withFailover(d, 'image', (key) => generateImageBytes({ baseUrl: settings.baseUrl, model: settings.imageModel, key, prompt: text, signal: AbortSignal.timeout(120_000) }));
  return store(d, bytes, 'png', 'image/png');
}

interface Outline {
  title: string;
  slides: { title: string; bullets: string[] }[];
}

/** The model's outline, tolerating code fences and prose around the JSON. */
export function parseOutline(text: string, topic: string): Outline {
  const json = text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);
  try {
    const raw = JSON.parse(json) as { title?: unknown; slides?: { title?: unknown; bullets?: unknown }[] };
    const slides = (Array.isArray(raw.slides) ? raw.slides : [])
      .map((s) => ({ title: String(s.title ?? '').slice(0, 120), bullets: (Array.isArray(s.bullets) ? s.bullets : []).map((b) => String(b).slice(0, 300)).slice(0, 8) }))
      .filter((s) => s.title)
      .slice(0, 20);
    if (slides.length) return { title: String(raw.title ?? topic).slice(0, 120), slides };
  } catch {
    // fall through: plain text outline
  }
  // Not JSON: one slide per non-empty line, so the user still gets a deck.
  const lines = text.split('\n').map((l) => l.replace(/^[-*#\d.\s]+/, '').trim()).filter(Boolean).slice(0, 20);
  return { title: topic, slides: lines.map((l) => ({ title: l.slice(0, 120), bullets: [] })) };
}

// pptxgenjs ships ESM at run time but CommonJS-style typings; the class is the default export either way.
const PptxGenJS = (pptxgen as unknown as { default: new () => InstanceType<typeof Presentation.default> }).default;

export async function renderDeck(outline: Outline): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.title = outline.title;
  const cover = pptx.addSlide();
  cover.addText(outline.title, { x: 0.5, y: 2, w: 9, h: 1.5, fontSize: 36, bold: true, align: 'center' });
  for (const s of outline.slides) {
    const slide = pptx.addSlide();
    slide.addText(s.title, { x: 0.5, y: 0.3, w: 9, h: 1, fontSize: 28, bold: true });
    if (s.bullets.length) slide.addText(s.bullets.map((b) => ({ text: b, options: { bullet: true } })), { x: 0.7, y: 1.5, w: 8.6, h: 4, fontSize: 18 });
  }
  return (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
}

export async function generateSlides(d: AssistantDeps, topic: string) {
  const { settings } = requireAssistant(d);
  const text = topic.trim();
  if (!text || text.length > 200) throw badInput('Slide topics are 1-200 characters.', { field: 'topic' });
  const messages: ChatMessage[] = [
    { role: 'system', content: 'You write slide outlines. Reply with JSON only: {"title": string, "slides": [{"title": string, "bullets": [string]}]}, 5 to 10 slides, 3 to 5 short bullets each.' },
    { role: 'user', content: `Topic: ${text}` },
  ];
  const outlineText = await withFailover(d, 'slides', async (key) => {
    let out = '';
    for await (const part of streamCompletion({ baseUrl: settings.baseUrl, model: settings.model, key, messages, signal: AbortSignal.timeout(120_000) })) out += part.delta ?? '';
    return out;
  });
  const deck = await renderDeck(parseOutline(outlineText, text));
  return store(d, deck, 'pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation');
}
