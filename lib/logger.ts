/**
 * Structured logs (pino), one JSON line per event. Each service names itself;
 * request-scoped loggers carry the request id the gateway assigned.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: service, level, base: { service } });
}
