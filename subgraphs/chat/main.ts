import { runMain } from '../../lib/runtime.js';
import { startChatSubgraph } from './server.js';

await runMain('chat', (config, log) => startChatSubgraph(config, log));
