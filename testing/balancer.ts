/**
 * A round-robin load balancer on 127.0.0.1 for scale-out tests, standing
 * where a deployment has its Service or load balancer in front of several
 * instances of one service.
 *
 * - `http`: every request goes to the next target in turn (keep-alive
 *   connections to each target), and so does every WebSocket upgrade, which
 *   is then piped both ways for the life of the socket.
 * - `tcp`: every connection goes to the next target in turn (with one target,
 *   a plain proxy: a test cuts a service off Redis through it).
 *
 * `served` counts requests (http) or connections (tcp) per target. `kill`
 * cuts every connection at once and stops listening: what the clients see
 * when the machine behind it dies.
 *
 * Written on node:http and node:net rather than with http-proxy (the usual
 * library): its last release is from 2020 and it warns on current Node
 * (util._extend); the forwarding a test needs is these few lines.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Balancer {
  /** The first target's URL with the balancer's host and port (same scheme and path). */
  url: string;
  port: number;
  /** Requests (http) or connections (tcp) sent to each target, in the order given. */
  served: number[];
  /** Cuts every connection, client and upstream, and stops listening. */
  kill(): Promise<void>;
}

/** Headers that describe one hop, not the request (RFC 9110 7.6.1). */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade'];

function withoutHopByHop(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = { ...headers };
  for (const h of HOP_BY_HOP) delete out[h];
  return out;
}

export async function startBalancer(targetUrls: string[], mode: 'http' | 'tcp' = 'http'): Promise<Balancer> {
  if (targetUrls.length === 0) throw new Error('a balancer needs at least one target');
  const targets = targetUrls.map((u) => new URL(u));
  const served = targets.map(() => 0);
  let turn = 0;
  const pick = () => {
    const i = turn++ % targets.length;
    served[i]!++;
    return { host: targets[i]!.hostname, port: Number(targets[i]!.port) };
  };
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const pipeBoth = (a: net.Socket, b: net.Socket) => {
    a.on('error', () => b.destroy());
    b.on('error', () => a.destroy());
    a.on('close', () => b.destroy());
    b.on('close', () => a.destroy());
    a.pipe(b);
    b.pipe(a);
  };

  let server: net.Server;
  let agent: http.Agent | undefined;
  if (mode === 'tcp') {
    server = net.createServer((client) => {
      track(client);
      const upstream = net.connect(pick());
      track(upstream);
      pipeBoth(client, upstream);
    });
  } else {
    const keepAlive = new http.Agent({ keepAlive: true });
    agent = keepAlive;
    const web = http.createServer((req, res) => {
      const upstream = http.request({ ...pick(), method: req.method, path: req.url, headers: withoutHopByHop(req.headers), agent: keepAlive }, (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, withoutHopByHop(upRes.headers));
        upRes.on('error', () => res.destroy());
        upRes.pipe(res);
      });
      upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
      // The client went away (a closed event stream): so does the upstream request.
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
      });
      req.pipe(upstream);
    });
    web.on('upgrade', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
      track(client);
      const upstream = net.connect(pick(), () => {
        let raw = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`;
        for (let i = 0; i < req.rawHeaders.length; i += 2) raw += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
        upstream.write(`${raw}\r\n`);
        if (head.length) upstream.write(head);
      });
      track(upstream);
      pipeBoth(client, upstream);
    });
    server = web;
  }
  server.on('connection', track);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = new URL(targets[0]!.href);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.href,
    port,
    served,
    kill: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      agent?.destroy();
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
