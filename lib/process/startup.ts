/**
 * The start and stop rules every service process shares, without the service
 * plumbing of runtime.ts (Redis, object store, tracing): a gateway cluster's
 * primary (gateway/workers.ts) needs these and nothing else.
 */
import { ConfigError, loadConfig, type Config } from '../config.js';

/** How long a service may take to stop before it is forced out. @default 10 s */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

export function loadConfigOrExit(service: string): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`[${service}] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
