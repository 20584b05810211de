import { runMain } from '../lib/runtime.js';
import { startGateway } from './server.js';

await runMain('gateway', (config, log) => startGateway(config, log));
