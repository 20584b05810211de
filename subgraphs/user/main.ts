import { runMain } from '../../lib/runtime.js';
import { startUserSubgraph } from './server.js';

await runMain('user', (config, log) => startUserSubgraph(config, log));
