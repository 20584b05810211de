/**
 * The start and stop rules every service process shares, without the service
 * plumbing of runtime.ts (Redis, object store, tracing): a gateway cluster's
 * primary (gateway/workers.ts) needs these and nothing else.
 */
import { ConfigError, loadConfig, serviceConfig, type Config, type ServiceConfig } from '../config.js';

/** How long a service may take to stop before it is forced out. @default 10 s */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

/** Stage one of the configuration (lib/config.ts), or exit naming every bad variable. */
export function loadConfigOrExit(service: string): Config;
/** Both stages: what a service runs with (the launcher has put the embedded infrastructure's variables in the environment). */
export function loadConfigOrExit(service: string, stage: 'service'): ServiceConfig;
export function loadConfigOrExit(service: string, stage?: 'service'): Config | ServiceConfig {
  try {
    const config = loadConfig();
    return stage === 'service' ? serviceConfig(config) : config;
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`[${service}] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
