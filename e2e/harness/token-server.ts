import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { AccessToken } from 'livekit-server-sdk';
import { API_KEY, API_SECRET } from './livekit-server';

/** `hang`: the request is read and never answered (a stuck upstream), until the mode changes. */
export type TokenServerMode = 'ok' | '503' | 'html' | 'hang';

export interface TokenServer {
  url: string;
  /** Where the tokens tell clients to connect (e.g. the fault proxy). */
  setServerUrl(url: string): void;
  setTtlSeconds(ttl: number): void;
  setMode(mode: TokenServerMode): void;
  /** A real outage takes the token endpoint down with the signal: sockets are destroyed. */
  setOutage(on: boolean): void;
  requests(): number;
  issued(): { identity: string; room: string; ttl: number; at: number }[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Allow-Methods': 'POST, OPTIONS' };

/**
 * LiveKit's standard token endpoint (what `TokenSource.endpoint(url)` posts to): snake_case
 * request `{ room_name, participant_name, participant_identity }`, response
 * `{ server_url, participant_token }`. A request without identity gets a guest identity.
 */
export async function startTokenServer(initialServerUrl: string, initialTtl = 600): Promise<TokenServer> {
  let serverUrl = initialServerUrl;
  let ttl = initialTtl;
  let mode: TokenServerMode = 'ok';
  let outage = false;
  let count = 0;
  let guests = 0;
  const issued: { identity: string; room: string; ttl: number; at: number }[] = [];
  const sockets = new Set<Socket>();
  const hung = new Set<() => void>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (outage) {
      req.socket.destroy();
      return;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS).end();
      return;
    }
    count += 1;
    if (mode === '503') {
      res.writeHead(503, { ...CORS, 'Content-Type': 'text/plain' }).end('Service Unavailable');
      return;
    }
    if (mode === 'hang') {
      const release = () => {
        if (!res.writableEnded) res.writeHead(504, CORS).end('released');
      };
      hung.add(release);
      return;
    }
    if (mode === 'html') {
      res.writeHead(200, { ...CORS, 'Content-Type': 'text/html' }).end('<!DOCTYPE html><html><body>Maintenance</body></html>');
      return;
    }
    const body = JSON.parse((await readBody(req)) || '{}') as { room_name?: string; participant_name?: string; participant_identity?: string };
    const identity = body.participant_identity || `guest-${(++guests).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
    const room = body.room_name || 'e2e';
    const at = new AccessToken(API_KEY, API_SECRET, { identity, name: body.participant_name || identity, ttl });
    at.addGrant({ room, roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true });
    const token = await at.toJwt();
    issued.push({ identity, room, ttl, at: Date.now() });
    res.writeHead(200, { ...CORS, 'Content-Type': 'application/json' }).end(JSON.stringify({ server_url: serverUrl, participant_token: token }));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, CORS).end(String(error));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/token`,
    setServerUrl: (url) => (serverUrl = url),
    setTtlSeconds: (seconds) => (ttl = seconds),
    setMode(next) {
      mode = next;
      if (next !== 'hang') {
        for (const release of hung) release();
        hung.clear();
      }
    },
    setOutage(on) {
      outage = on;
      if (on) for (const socket of sockets) socket.destroy();
    },
    requests: () => count,
    issued: () => [...issued],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
