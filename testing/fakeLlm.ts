/**
 * The test double of an external AI provider: a local OpenAI-compatible server
 * that streams scripted tokens over server-sent events, and misbehaves on
 * command per key (drops a stream midway, refuses the key, rate-limits). It
 * records what it was asked and how many streams ran at once per key.
 *
 * Answers are deterministic: the answer to a prompt is a fixed list of tokens,
 * and a continuation request (partial answer + "continue") streams the tokens
 * after the partial text, like a well-behaved model would.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTINUE_INSTRUCTION } from '../subgraphs/chat/assistant.js';

export type Behaviour =
  | { kind: 'ok' }
  | { kind: 'drop'; afterTokens: number }
  | { kind: 'status'; status: number }
  | { kind: 'stream-error'; afterTokens: number }
  /** Sends `afterTokens` tokens, then nothing more until the client goes away. */
  | { kind: 'hang'; afterTokens: number };

export interface RecordedRequest {
  key: string;
  path: string;
  messages: { role: string; content: string }[];
  startedAt: number;
  endedAt?: number;
  /** The client went away before the answer ended. */
  aborted: boolean;
}

/** The scripted answer to a prompt: its words, each a token, then a full stop. */
export function answerTokens(prompt: string): string[] {
  const words = `Answer to ${prompt}: the platform says hello, streams tokens in order, and never loses a word`.split(' ');
  return [...words.map((w, i) => (i === 0 ? w : ` ${w}`)), '.'];
}

export const OUTLINE = {
  title: 'Cats on the internet',
  slides: [
    { title: 'Why cats', bullets: ['They are cute', 'They are curious'] },
    { title: 'Famous cats', bullets: ['Keyboard Cat', 'Grumpy Cat'] },
    { title: 'Conclusion', bullets: ['More cats'] },
  ],
};

// A 1x1 transparent PNG.
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export class FakeLlm {
  readonly requests: RecordedRequest[] = [];
  readonly behaviours = new Map<string, Behaviour>();
  /** Streams running now, and the most ever seen at once, per key. */
  readonly active = new Map<string, number>();
  readonly maxActive = new Map<string, number>();
  /** Delay between tokens. @default 5 ms */
  tokenDelayMs = 5;
  /** Per key: answers wait here before their first token (see `hold`). */
  private readonly gates = new Map<string, Promise<void>>();
  private server?: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/v1`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  reset(): void {
    this.requests.length = 0;
    this.behaviours.clear();
    this.maxActive.clear();
  }

  /**
   * Holds every answer on `key` before its first token until the returned
   * function is called: a test sees which requests run at once, and what the
   * pool does while a key is busy, without racing the answers' end.
   */
  hold(key: string): () => void {
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    this.gates.set(key, gate);
    return () => {
      if (this.gates.get(key) === gate) this.gates.delete(key);
      open();
    };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { messages?: { role: string; content: string }[]; prompt?: string };
    const key = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const record: RecordedRequest = { key, path: req.url ?? '', messages: body.messages ?? [], startedAt: Date.now(), aborted: false };
    this.requests.push(record);
    const behaviour = this.behaviours.get(key) ?? { kind: 'ok' };
    if (behaviour.kind === 'status') {
      res.writeHead(behaviour.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `status ${behaviour.status}` } }));
      record.endedAt = Date.now();
      return;
    }
    if (req.url?.endsWith('/images/generations')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [{ b64_json: PNG.toString('base64') }] }));
      record.endedAt = Date.now();
      return;
    }

    const messages = record.messages;
    const last = messages.at(-1);
    const isSlides = messages[0]?.content.includes('slide outlines');
    let tokens: string[];
    if (isSlides) {
      tokens = JSON.stringify(OUTLINE).match(/.{1,12}/g)!;
    } else if (last?.content === CONTINUE_INSTRUCTION) {
      const partial = messages.at(-2)!.content;
      const prompt = messages.at(-3)!.content;
      const all = answerTokens(prompt);
      let acc = '';
      let k = 0;
      while (k < all.length && acc.length < partial.length) acc += all[k++];
      tokens = acc === partial ? all.slice(k) : [all.join('').slice(partial.length)];
    } else {
      tokens = answerTokens(last?.content ?? '');
    }

    this.active.set(key, (this.active.get(key) ?? 0) + 1);
    this.maxActive.set(key, Math.max(this.maxActive.get(key) ?? 0, this.active.get(key)!));
    let closed = false;
    res.on('close', () => {
      closed = true;
      if (!res.writableFinished) record.aborted = true;
    });
    try {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const gate = this.gates.get(key);
      if (gate) await gate;
      for (const [i, token] of tokens.entries()) {
        if (closed) return;
        if (behaviour.kind === 'drop' && i === behaviour.afterTokens) {
          res.socket?.destroy();
          return;
        }
        if (behaviour.kind === 'hang' && i === behaviour.afterTokens) {
          await new Promise((r) => res.once('close', r));
          return;
        }
        if (behaviour.kind === 'stream-error' && i === behaviour.afterTokens) {
          // Spark reports errors inside a 200 stream.
          res.write(`data: ${JSON.stringify({ code: 10013, message: 'input content audit failed', sid: 'x' })}\n\n`);
          res.end();
          return;
        }
        res.write(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: token }, finish_reason: null }] })}\n\n`);
        await new Promise((r) => setTimeout(r, this.tokenDelayMs));
      }
      res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 11, completion_tokens: tokens.length, total_tokens: 11 + tokens.length } })}\n\n`);
      res.write('data: [DONE]\n\n');
      res.end();
    } finally {
      record.endedAt = Date.now();
      this.active.set(key, this.active.get(key)! - 1);
    }
  }
}
