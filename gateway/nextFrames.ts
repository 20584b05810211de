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
 *
 * The frame is the one graphql-ws writes (`{"id":…,"type":"next","payload":…}`,
 * errors as `GraphQLError.toJSON()` after the other keys), in the same order,
 * and a subscription's next frame waits while the previous ones are still
 * buffered (the client reads slowly), as graphql-ws waits for each send. graphql-ws still owns the
 * subscription: it starts it, returns it when the client completes it or
 * goes, and sends its `complete` or `error` after the relay ends.
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
 * Writes each result of `results` to `socket` as a `next` frame of
 * subscription `id`, one after the other, and yields nothing: an iterator for
 * graphql-ws that ends when `results` ends (then graphql-ws completes the
 * subscription) or throws what `results` throws (graphql-ws sends it as an
 * `error`). A socket that is no longer open gets nothing, as with graphql-ws.
 */
// eslint-disable-next-line require-yield -- graphql-ws gets nothing from it: the frames are written here.
export async function* relayNextFrames(socket: WebSocket, id: string, results: AsyncIterable<ExecutionResult>): AsyncGenerator<never> {
  const head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  // Frames sent whose callback has not run yet, the first failure, and who waits for the socket to take them all.
  let unsent = 0;
  let failure: Error | undefined;
  let drained: (() => void) | undefined;
  const sent = (err?: Error | null) => {
    if (err) failure ??= err;
    if (--unsent === 0 && drained) {
      const wake = drained;
      drained = undefined;
      wake();
    }
  };
  for await (const result of results) {
    if (socket.readyState !== socket.OPEN) continue;
    unsent++;
    socket.send(`${head}${payloadText(result)}}`, sent);
    // Usually the kernel takes the frame at once; otherwise the next waits until it has (graphql-ws waits for every send).
    if (socket.bufferedAmount > 0) await new Promise<void>((resolve) => (drained = resolve));
    if (failure) throw failure;
  }
}
