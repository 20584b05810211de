import { runMain } from '../../lib/runtime.js';
import { startSearchSubgraph } from './server.js';

await runMain('search', (config, log) => startSearchSubgraph(config, log));
