/**
 * The `next` frames of a subscription, written to the client's socket by the
 * bridge itself (gateway/subscriptions.ts) rather than handed to graphql-ws
 * one result at a time.
 *
 * A chat message to a group of 200 is the same result for 200 subscribers
 * (gateway/sharedEvents.ts: one resolution, one result object). graphql-ws
 * serializes each `next` message whole, once per subscriber, and takes each
 * result through its own iteration and message checks. Here the result's JSON
 * is made once per result object and each subscriber's frame is its id around
 * that text: one JSON.stringify per event instead of one per subscriber.
 * Measured on 2 cores with 1,000 subscribers in 6 groups (bench/chat.ts), the
 * gateway's CPU per delivery fell by about a fifth.
 *
 * The frame is the one graphql-ws writes (`{"id":…,"type":"next","payload":…}`,
 * errors as `GraphQLError.toJSON()` after the other keys), in the same order,
 * and a subscription's next frame waits while the previous ones are still
 * buffered (the client reads slowly), as graphql-ws waits for each send.
 * graphql-ws still owns the subscription: it starts it, returns it when the
 * client completes it or goes, and sends its `complete` or `error` after the
 * relay ends.
 */
import type { ExecutionResult } from 'graphql';
import type WebSocket from 'ws';

/** Each result's payload JSON, made once per result object: the subscribers of one shared event have the same one. */
const payloadTexts = new WeakMap<ExecutionResult, string>();

/** The payload of a `next` message for `result`, as graphql-ws shapes it. */
export function payloadText(result: ExecutionResult): string {
  let text = payloadTexts.get(result);
  if (text === undefined) {
    const { errors, ...rest } = result;
    text = JSON.stringify(errors ? { ...rest, errors: errors.map((e) => e.toJSON()) } : rest);
    payloadTexts.set(result, text);
  }
  return text;
}

/**
 * The `next` frames of one subscription (`id`) on one client socket. Results
 * reach it two ways, in one order: through `relay`, the iterator graphql-ws
 * runs; or, while that iterator waits for the next result, through
 * `tryWrite`, which writes one at once (the bridge's instant path for an
 * event already resolved for another subscriber, gateway/subscriptions.ts).
 */
export class NextFrames {
  private readonly head: string;
  /** Frames sent whose callback has not run yet, the first failure, and who waits for the socket to take them all. */
  private unsent = 0;
  private failure: Error | undefined;
  private drained: (() => void) | undefined;
  private readonly sent = (err?: Error | null) => {
    if (err) this.failure ??= err;
    if (--this.unsent === 0 && this.drained) {
      const wake = this.drained;
      this.drained = undefined;
      wake();
    }
  };

  constructor(private readonly socket: WebSocket, id: string) {
    this.head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  }

  /** Writes `result` now if the socket is open and holds nothing back (the usual case); false, writing nothing, otherwise. */
  tryWrite(result: ExecutionResult): boolean {
    if (this.socket.readyState !== this.socket.OPEN || this.socket.bufferedAmount > 0 || this.failure) return false;
    this.send(result);
    return true;
  }

  /**
   * Writes each result of `results` as a `next` frame, one after the other,
   * and yields nothing: an iterator for graphql-ws that ends when `results`
   * ends (then graphql-ws completes the subscription) or throws what
   * `results` throws (graphql-ws sends it as an `error`). A socket that is no
   * longer open gets nothing, as with graphql-ws.
   */
  // eslint-disable-next-line require-yield -- graphql-ws gets nothing from it: the frames are written here.
  async *relay(results: AsyncIterable<ExecutionResult>): AsyncGenerator<never> {
    for await (const result of results) {
      // Usually the kernel took the earlier frames at once; otherwise this one waits until it has (graphql-ws waits for every send).
      if (this.unsent > 0 && this.socket.bufferedAmount > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      if (this.failure) throw this.failure;
      if (this.socket.readyState !== this.socket.OPEN) continue;
      this.send(result);
    }
  }

  private send(result: ExecutionResult): void {
    this.unsent++;
    this.socket.send(`${this.head}${payloadText(result)}}`, this.sent);
  }
}
