/**
 * WebSocket keep-alive: every interval each socket must have answered the
 * previous ping, or it is terminated. A socket whose peer vanished (a laptop
 * closed, an instance killed) would otherwise hold its subscriptions, and the
 * upstream ones behind them, open forever.
 */
import type { WebSocket, WebSocketServer } from 'ws';

/** @default 15 s: a dead peer is dropped within two intervals */
export const WS_PING_INTERVAL_MS = 15_000;

export function keepAlive(server: WebSocketServer, intervalMs = WS_PING_INTERVAL_MS): () => void {
  const alive = new WeakMap<WebSocket, boolean>();
  server.on('connection', (socket) => {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
  });
  const timer = setInterval(() => {
    for (const socket of server.clients) {
      if (!alive.get(socket)) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
