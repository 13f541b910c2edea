// HTTPS_PROXY / HTTP_PROXY / NO_PROXY through the client's default node transport, with a real
// proxy on loopback written here: absolute-form forwarding for http: origins, CONNECT tunnels for
// https: ones (TLS end to end with the mock server, whose generated certificate the agent trusts).
// The ECS metadata service is reached directly whatever the proxy variables say.
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcrClient, ConnectionError, createNodeTransport, ecsRamRoleCredentials } from '@acr-ee/client';
import { startMockServer, type MockServer } from '@acr-ee/mock-server';

const KEY = { accessKeyId: 'testid', accessKeySecret: 'testsecret' } as const;
const INSTANCE = 'cri-mock0000000001';

interface Proxy {
  url: string;
  /** `CONNECT host:port`, or `METHOD absolute-url` for forwarded requests, in arrival order. */
  seen: string[];
  close(): Promise<void>;
}

async function startProxy(options: { refuseConnect?: boolean; requireAuth?: string } = {}): Promise<Proxy> {
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  const authorized = (header: string | undefined): boolean =>
    options.requireAuth === undefined || header === `Basic ${Buffer.from(options.requireAuth).toString('base64')}`;
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (!authorized(req.headers['proxy-authorization'])) {
      res.writeHead(407).end();
      return;
    }
    const target = new URL(req.url!);
    const { 'proxy-authorization': _, ...headers } = req.headers;
    const upstream = http.request({ hostname: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    sockets.add(client);
    if (options.refuseConnect || !authorized(req.headers['proxy-authorization'])) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const [host, port] = [req.url!.slice(0, req.url!.lastIndexOf(':')), Number(req.url!.slice(req.url!.lastIndexOf(':') + 1))];
    const upstream = net.connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

let plain: MockServer;
let secure: MockServer;
let proxy: Proxy;
beforeAll(async () => {
  plain = await startMockServer({ instanceRole: 'ecs-builder' });
  secure = await startMockServer({ tls: true });
  proxy = await startProxy();
});
afterAll(async () => {
  await proxy.close();
  await plain.close();
  await secure.close();
});

function clientOf(endpoint: string, env: Record<string, string>, extra: { ca?: string } = {}): AcrClient {
  const transport = createNodeTransport({ env, ...(extra.ca === undefined ? {} : { httpsAgent: new https.Agent({ ca: extra.ca }) }) });
  return new AcrClient({ regionId: 'cn-hangzhou', endpoint, ...KEY, retry: false, transport });
}

async function status(client: AcrClient): Promise<string | undefined> {
  try {
    return (await client.getInstance({ InstanceId: INSTANCE })).InstanceStatus;
  } finally {
    client.close();
  }
}

describe('proxies from the environment', () => {
  it('HTTPS_PROXY: https: origins through a CONNECT tunnel, TLS end to end', async () => {
    const before = proxy.seen.length;
    const client = clientOf(secure.url, { HTTPS_PROXY: proxy.url }, { ca: secure.certificate! });
    expect(await status(client)).toBeDefined();
    expect(proxy.seen.slice(before)).toEqual([`CONNECT ${new URL(secure.url).host}`]);
  });

  it('HTTP_PROXY (lower-case too): http: origins as absolute-form requests', async () => {
    const before = proxy.seen.length;
    expect(await status(clientOf(plain.url, { http_proxy: proxy.url }))).toBeDefined();
    const forwarded = proxy.seen.slice(before);
    expect(forwarded).toHaveLength(1);
    expect(forwarded[0].startsWith(`GET ${plain.url}/?`)).toBe(true);
  });

  it('NO_PROXY names hosts reached directly; an https proxy variable does not apply to http:', async () => {
    const before = proxy.seen.length;
    expect(await status(clientOf(plain.url, { HTTP_PROXY: proxy.url, NO_PROXY: 'example.test, 127.0.0.1' }))).toBeDefined();
    expect(await status(clientOf(plain.url, { HTTPS_PROXY: proxy.url }))).toBeDefined();
    expect(proxy.seen.length).toBe(before);
  });

  it('proxy credentials in the URL become Proxy-Authorization', async () => {
    const guarded = await startProxy({ requireAuth: 'ci:s3cret' });
    try {
      const url = guarded.url.replace('http://', 'http://ci:s3cret@');
      expect(await status(clientOf(plain.url, { HTTP_PROXY: url }))).toBeDefined();
      expect(await status(clientOf(secure.url, { HTTPS_PROXY: url }, { ca: secure.certificate! }))).toBeDefined();
      expect(guarded.seen).toHaveLength(2);
    } finally {
      await guarded.close();
    }
  });

  it('a refused tunnel is a ConnectionError naming the status', async () => {
    const refusing = await startProxy({ refuseConnect: true });
    try {
      const error = await status(clientOf(secure.url, { HTTPS_PROXY: refusing.url }, { ca: secure.certificate! })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(String((error as Error).message)).toMatch(/HTTP 403/);
    } finally {
      await refusing.close();
    }
  });

  it('a malformed proxy variable is a configuration error', () => {
    expect(() => createNodeTransport({ env: { HTTPS_PROXY: 'socks5://127.0.0.1:1080' } })).toThrow(/HTTPS_PROXY must be an http:\/\/ proxy/);
  });

  it('the ECS metadata service is never reached through the proxy', async () => {
    const saved = { ...process.env };
    const before = proxy.seen.length;
    process.env.HTTP_PROXY = proxy.url;
    process.env.http_proxy = proxy.url;
    try {
      const provider = ecsRamRoleCredentials({ metadataEndpoint: plain.url });
      const credentials = await provider();
      expect(credentials.accessKeyId).toMatch(/^STS\./);
    } finally {
      process.env = saved;
    }
    expect(proxy.seen.length).toBe(before);
  });
});
