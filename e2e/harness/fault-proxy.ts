import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { SignalRequest, SignalResponse } from '@livekit/protocol';
import WebSocket, { WebSocketServer, type RawData } from 'ws';

export interface FaultProxy {
  url: string;
  wsUrl: string;
  /** Drops every open connection and refuses new ones for `ms` (HTTP and WebSocket). */
  cut(ms: number): Promise<void>;
  cutUntilRestore(): void;
  restore(): void;
  /**
   * Drops the server's `refresh_token` messages. Stands in for an outage longer than the server's
   * 10-minute refresh token: the SDK keeps the short-lived token the test issued.
   */
  dropRefreshTokens(on: boolean): void;
  /**
   * Drops the server's `answer`s on every signal connection that asked to publish a heavy camera
   * (VP9/AV1 or several layers; a real NegotiationError 15 s later): the profile fails to
   * negotiate, as on a device that cannot take it, on any connection, including the SDK's own
   * full reconnect; a session of the stable profile (VP8, one layer) gets its answers.
   */
  dropAnswers(on: boolean): void;
  /** Points the proxy at another server (two-node scenario). */
  setTarget(port: number): void;
  counters(): { refreshTokensDropped: number; answersDropped: number; connections: number };
  close(): Promise<void>;
}

/** A camera published VP9/AV1 or in several layers: what the `hd` profile (and livekit-client's default) asks for. */
export function isHeavyTrack(track: { simulcastCodecs: { codec: string }[]; layers: unknown[] }): boolean {
  return track.simulcastCodecs.some((c) => /^(vp9|av1)$/i.test(c.codec)) || track.layers.length > 1;
}

/** A loopback proxy in front of livekit-server's signal port, decoding what it relays. */
export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  let target = targetPort;
  let cutUntil = 0;
  let cutForever = false;
  let dropRefresh = false;
  let dropAnswer = false;
  // Upstream sockets of sessions that published a heavy camera.
  const heavySession = new WeakSet<WebSocket>();
  const counters = { refreshTokensDropped: 0, answersDropped: 0, connections: 0 };
  const sockets = new Set<Socket>();
  const pairs = new Set<[WebSocket, WebSocket]>();
  const isCut = () => cutForever || Date.now() < cutUntil;

  const server = createServer((req, res) => {
    if (isCut()) {
      req.socket.destroy();
      return;
    }
    // Plain HTTP (e.g. `/rtc/v1/validate`, which tells the SDK why a WebSocket was refused).
    const upstream = request({ host: '127.0.0.1', port: target, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const wss = new WebSocketServer({ noServer: true });
  const shouldDrop = (data: RawData, upstream: WebSocket): boolean => {
    const dropThisAnswer = dropAnswer && heavySession.has(upstream);
    if (!dropRefresh && !dropThisAnswer) return false;
    try {
      const message = SignalResponse.fromBinary(new Uint8Array(data as Buffer)).message;
      if (dropRefresh && message.case === 'refreshToken') return ++counters.refreshTokensDropped > 0;
      if (dropThisAnswer && message.case === 'answer') return ++counters.answersDropped > 0;
    } catch {
      // not a SignalResponse: relay it
    }
    return false;
  };

  const notePublish = (data: RawData, upstream: WebSocket) => {
    if (!dropAnswer) return;
    try {
      const message = SignalRequest.fromBinary(new Uint8Array(data as Buffer)).message;
      if (message.case === 'addTrack' && isHeavyTrack(message.value)) heavySession.add(upstream);
    } catch {
      // not a SignalRequest
    }
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (isCut()) {
      socket.destroy();
      return;
    }
    const upstream = new WebSocket(`ws://127.0.0.1:${target}${req.url}`, { headers: { 'user-agent': req.headers['user-agent'] ?? '' } });
    // The server refused the upgrade (e.g. 401 token is expired): hand the same status back.
    upstream.on('unexpected-response', (_r, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => {
        socket.end(`HTTP/1.1 ${response.statusCode} ${response.statusMessage}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      });
    });
    upstream.on('error', () => socket.destroy());
    upstream.on('open', () => {
      wss.handleUpgrade(req, socket, head, (client) => {
        counters.connections += 1;
        const pair: [WebSocket, WebSocket] = [client, upstream];
        pairs.add(pair);
        upstream.on('message', (data, isBinary) => {
          if (!shouldDrop(data, upstream) && client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
        });
        client.on('message', (data, isBinary) => {
          notePublish(data, upstream);
          if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary: isBinary });
        });
        const closeBoth = () => {
          pairs.delete(pair);
          client.terminate();
          upstream.terminate();
        };
        client.on('close', closeBoth);
        upstream.on('close', closeBoth);
        client.on('error', closeBoth);
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const dropAll = () => {
    for (const [client, upstream] of pairs) {
      client.terminate();
      upstream.terminate();
    }
    pairs.clear();
    for (const socket of sockets) socket.destroy();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    async cut(ms) {
      cutUntil = Date.now() + ms;
      dropAll();
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
    cutUntilRestore() {
      cutForever = true;
      dropAll();
    },
    restore() {
      cutForever = false;
      cutUntil = 0;
    },
    dropRefreshTokens: (on) => (dropRefresh = on),
    dropAnswers: (on) => (dropAnswer = on),
    setTarget: (next) => (target = next),
    counters: () => ({ ...counters }),
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        wss.close();
        server.close(() => resolve());
      }),
  };
}
