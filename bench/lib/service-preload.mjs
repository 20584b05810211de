/**
 * Loaded with `--import` into every service process a benchmark starts
 * (`services.ts`): the four subgraphs, our gateway, Hive Gateway. It changes
 * nothing in the service; it adds two things over the IPC channel the
 * benchmark opens to it:
 *
 * - **A request counter.** Node publishes every HTTP request a server starts
 *   on the `http.server.request.start` diagnostics channel; counting them tells
 *   how many subgraph requests one client query cost, whichever gateway sent
 *   them, without touching the gateway's code. The benchmark asks with
 *   `{ type: 'stats', id }` and gets `{ type: 'stats', id, requests }` back.
 * - **Memory and handles**, in the same answer: the JS heap
 *   (`process.memoryUsage()`) and the count of active resources by type
 *   (`process.getActiveResourcesInfo()`: sockets, timers, …), which a soak
 *   compares over time to tell a leak of retained objects or forgotten timers
 *   from RSS noise. Both are cheap (no heap walk, no GC).
 * - **A lifeline.** The IPC channel closes when the benchmark process goes
 *   away, even when it is SIGKILLed (the kernel closes its end of the socket).
 *   The service then gets SIGTERM, as from an operator, and stops cleanly; if
 *   that hangs, it exits anyway. No service outlives the benchmark.
 *
 * Plain JavaScript so that it loads the same way into compiled services, into
 * services run under tsx, and into Hive Gateway (which must not pay for tsx).
 */
import dc from 'node:diagnostics_channel';

/** How long a service may take to stop after its benchmark went away. @default 15 s */
const ORPHAN_EXIT_MS = 15_000;

let requests = 0;
dc.subscribe('http.server.request.start', () => {
  requests++;
});

/** Active resources (handles and requests keeping the loop alive, timers included) counted by type. */
function resourceCounts() {
  const counts = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

if (process.send) {
  // The channel must not keep the process alive: a service that stops by letting
  // its event loop drain (Hive Gateway on SIGTERM) would otherwise never exit.
  process.channel?.unref();
  process.on('message', (m) => {
    if (m?.type === 'stats' && typeof m.id === 'number') process.send?.({ type: 'stats', id: m.id, requests, memory: process.memoryUsage(), resources: resourceCounts() });
  });
  process.on('disconnect', () => {
    setTimeout(() => process.exit(1), ORPHAN_EXIT_MS).unref();
    process.kill(process.pid, 'SIGTERM');
  });
}
