import { runMain } from '../../lib/runtime.js';
import { startVideoSubgraph } from './server.js';

await runMain('video', (config, log) => startVideoSubgraph(config, log));
