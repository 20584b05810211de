/**
 * Async iterators for subscriptions that can be stopped while they wait.
 *
 * An async generator that is suspended in `await` (waiting for the next event)
 * does not run its `finally` when `return()` is called: the return is queued
 * until the pending await settles, which for a quiet subscription may be never.
 * Unsubscribed clients would then keep their listeners, upstream sockets and
 * presence alive. `cancellable` hands the generator an AbortSignal and aborts
 * it on `return()`, so whatever the generator awaits can reject at once and
 * its cleanup runs now.
 */
export function cancellable<T>(start: (signal: AbortSignal) => AsyncGenerator<T>): AsyncGenerator<T> {
  const controller = new AbortController();
  const inner = start(controller.signal);
  const outer: AsyncGenerator<T> = {
    next: (...args) => inner.next(...args).catch((err: unknown) => {
      if (controller.signal.aborted) return { done: true, value: undefined };
      throw err;
    }),
    return: async (value) => {
      controller.abort();
      try {
        return await inner.return(value as T);
      } catch {
        return { done: true, value: undefined };
      }
    },
    throw: (err) => {
      controller.abort();
      return inner.throw(err);
    },
    [Symbol.asyncIterator]() {
      return outer;
    },
  };
  return outer;
}
