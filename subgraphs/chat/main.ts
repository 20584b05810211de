// The service is imported once tracing is in place (lib/observability/tracing.ts), so that the
// instrumented modules (graphql above all) are patched before anything holds them.
import { runMain } from '../../lib/process/runtime.js';

await runMain('chat', async (config, log) => (await import('./server.js')).startChatSubgraph(config, log));
