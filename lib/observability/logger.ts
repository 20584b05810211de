/**
 * Structured logs (pino), one JSON line per event. Each service names itself;
 * request-scoped loggers carry the request id the gateway assigned.
 *
 * On a developer's terminal (stdout is a TTY and NODE_ENV is development, the
 * default under `npm start`) the same lines are printed pretty and coloured by
 * pino-pretty, in-process and synchronously, so nothing is lost when a service
 * exits. Anything else (a pipe, a file, a container, production) gets JSON.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export interface LoggerOptions {
  /** Where lines go instead of stdout (tests capture them). Always JSON. */
  destination?: DestinationStream;
  /** Force pretty output on or off. @default stdout is a TTY and NODE_ENV is development */
  pretty?: boolean;
}

function wantsPretty(): boolean {
  return process.stdout.isTTY === true && (process.env.NODE_ENV ?? 'development') === 'development';
}

export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info', opts: LoggerOptions = {}): Logger {
  const options = { name: service, level, base: { service } };
  if (opts.destination) return pino(options, opts.destination);
  if (opts.pretty ?? wantsPretty()) {
    return pino(options, pretty({ colorize: true, sync: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,name,service', messageFormat: '[{service}] {msg}' }));
  }
  return pino(options);
}
