/**
 * A client for OpenAI-compatible providers (iFlytek Spark's HTTP endpoint,
 * OpenAI, local servers): streamed chat completions over server-sent events,
 * and image generation.
 *
 * Failures are classified, because the assistant reacts differently:
 * `auth` (401/403: the key is taken out of the pool), `rate` and `server`
 * (429/5xx: another key is tried), `network` (the stream broke: another key
 * continues the answer), `aborted` (the client went away: nothing to do).
 * Spark reports some errors inside a 200 stream (`code` != 0 in a chunk):
 * those are failures too, never text.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export type FailureKind = 'auth' | 'rate' | 'server' | 'network' | 'protocol' | 'aborted';

export class ProviderError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** How long a provider may stay silent (before the first byte, or between chunks). @default 30 s */
export const PROVIDER_IDLE_TIMEOUT_MS = 30_000;

function classify(status: number): FailureKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate';
  if (status >= 500) return 'server';
  return 'protocol';
}

async function post(url: string, key: string, body: unknown, signal: AbortSignal): Promise<Response> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, accept: 'text/event-stream, application/json' },
      body: JSON.stringify(body),
      signal,
    });
    if (!res.ok) {
      const detail = (await res.text().catch(() => '')).slice(0, 200);
      throw new ProviderError(classify(res.status), `provider answered HTTP ${res.status}${detail ? `: ${detail}` : ''}`, res.status);
    }
    return res;
  } catch (err) {
    if (err instanceof ProviderError) throw err;
    if (signal.aborted) throw new ProviderError('aborted', 'request cancelled');
    throw new ProviderError('network', `provider unreachable: ${(err as Error).message}`);
  }
}

interface StreamChunk {
  code?: number;
  message?: string;
  error?: { message?: string; code?: string | number };
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number };
}

/** Streams the answer's text deltas, then (if the provider reports it) the usage. */
export async function* streamCompletion(opts: {
  baseUrl: string;
  model: string;
  key: string;
  messages: ChatMessage[];
  signal: AbortSignal;
}): AsyncGenerator<{ delta?: string; usage?: Usage }> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(opts.signal.reason);
  opts.signal.addEventListener('abort', onAbort, { once: true });
  let idle: NodeJS.Timeout | undefined;
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => controller.abort(new Error('provider went silent')), PROVIDER_IDLE_TIMEOUT_MS);
  };
  try {
    armIdle();
    const res = await post(`${opts.baseUrl.replace(/\/$/, '')}/chat/completions`, opts.key, { model: opts.model, messages: opts.messages, stream: true, stream_options: { include_usage: true } }, controller.signal);
    if (!res.body) throw new ProviderError('protocol', 'provider sent no body');
    const events: EventSourceMessage[] = [];
    const parser = createParser({ onEvent: (e) => events.push(e) });
    const decoder = new TextDecoder();
    let finished = false;
    try {
      for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) {
        armIdle();
        parser.feed(decoder.decode(bytes, { stream: true }));
        for (const event of events.splice(0)) {
          if (event.data === '[DONE]') {
            finished = true;
            continue;
          }
          let chunk: StreamChunk;
          try {
            chunk = JSON.parse(event.data) as StreamChunk;
          } catch {
            throw new ProviderError('protocol', 'provider sent a chunk that is not JSON');
          }
          if ((chunk.code !== undefined && chunk.code !== 0) || chunk.error) {
            const message = chunk.message ?? chunk.error?.message ?? 'provider error';
            const status = Number(chunk.error?.code ?? chunk.code);
            throw new ProviderError(status === 401 || status === 403 || /auth|key/i.test(message) ? 'auth' : 'server', `provider error in stream: ${message}`);
          }
          const delta = chunk.choices?.[0]?.delta?.content;
          if (delta) yield { delta };
          if (chunk.choices?.[0]?.finish_reason) finished = true;
          if (chunk.usage) {
            yield {
              usage: {
                promptTokens: chunk.usage.prompt_tokens ?? 0,
                completionTokens: chunk.usage.completion_tokens ?? 0,
                totalTokens: chunk.usage.total_tokens ?? (chunk.usage.prompt_tokens ?? 0) + (chunk.usage.completion_tokens ?? 0),
              },
            };
          }
        }
      }
    } catch (err) {
      if (err instanceof ProviderError) throw err;
      if (opts.signal.aborted) throw new ProviderError('aborted', 'request cancelled');
      throw new ProviderError('network', `the stream broke: ${(err as Error).message}`);
    }
    // A stream that ends without a finish reason or [DONE] was cut off.
    if (!finished) throw new ProviderError('network', 'the stream ended before the answer was complete');
  } finally {
    clearTimeout(idle);
    opts.signal.removeEventListener('abort', onAbort);
    controller.abort();
  }
}

/** One image from the provider's images endpoint, as bytes. */
export async function generateImageBytes(opts: { baseUrl: string; model: string; key: string; prompt: string; signal: AbortSignal }): Promise<Buffer> {
  const res = await post(`${opts.baseUrl.replace(/\/$/, '')}/images/generations`, opts.key, { model: opts.model, prompt: opts.prompt, n: 1, response_format: 'b64_json' }, opts.signal);
  const body = (await res.json()) as { data?: { b64_json?: string; url?: string }[] };
  const item = body.data?.[0];
  if (item?.b64_json) return Buffer.from(item.b64_json, 'base64');
  if (item?.url) {
    const image = await fetch(item.url, { signal: opts.signal });
    if (!image.ok) throw new ProviderError(classify(image.status), `image download answered HTTP ${image.status}`, image.status);
    return Buffer.from(await image.arrayBuffer());
  }
  throw new ProviderError('protocol', 'the provider returned no image');
}
