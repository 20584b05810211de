/**
 * Plain HTTP relays: the least a process between a client and the object
 * store can do. Each relay forwards every request to the next hop with its
 * method, path, headers and body unchanged, and the answer back, parsing
 * nothing (so a SigV4 signature, which covers the Host header, still holds).
 * The upload benchmark puts the same chunks through one and two of them: what
 * a raw PUT costs with one or two Node processes in the way that do no work of
 * their own, the floor under the video subgraph path and the gateway path.
 *
 *   node --import tsx bench/lib/relay-child.ts <target url> [hops, default 1]
 *
 * With 2 hops it starts the second relay as its own child process, and prints
 * one JSON line once both listen: `{"urls": [first hop, second hop]}` (the
 * second hop alone is a one-relay path). Stops on SIGTERM, with its child.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startAnnouncingChild } from './announcingChild.js';

const [target, hopsArg = '1'] = process.argv.slice(2);
const hops = Number(hopsArg);
if (!target || !Number.isInteger(hops) || hops < 1) throw new Error('usage: relay-child.ts <target url> [hops]');

let next: { url: string; urls: string[]; stop(): void } = { url: target, urls: [], stop: () => undefined };
if (hops > 1) {
  const { child, announced } = await startAnnouncingChild<{ urls: string[] }>(import.meta.filename, [target, String(hops - 1)], 'the next relay');
  const { urls } = announced;
  next = { url: urls[0]!, urls, stop: () => child.kill('SIGTERM') };
}

const upstream = new URL(next.url);
const agent = new Agent({ keepAlive: true });
const server = createServer((req, res) => {
  const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  forward.on('error', () => res.destroy());
  req.on('error', () => forward.destroy());
  req.pipe(forward);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
process.stdout.write(`${JSON.stringify({ urls: [`http://127.0.0.1:${port}`, ...next.urls] })}\n`);
process.once('SIGTERM', () => {
  next.stop();
  server.close();
  server.closeAllConnections();
  process.exit(0);
});
