// Proxies for the node:http(s) transport, as curl and most HTTP tools read them from the
// environment: `https_proxy`/`HTTPS_PROXY` for https: origins, `http_proxy`/`HTTP_PROXY` for http:
// ones, `no_proxy`/`NO_PROXY` for the hosts to reach directly. Plain http: origins go through the
// proxy as absolute-form requests; https: ones through a CONNECT tunnel, TLS end to end with the
// service (the proxy sees only the host name). Zero dependencies: node:http's CONNECT and node:tls.
import * as http from 'node:http';
import type * as https from 'node:https';
import type { Duplex } from 'node:stream';
import type * as tls from 'node:tls';
import { ConfigError } from './errors.js';
import { tlsLoaded } from './lazy-builtins.js';

export type Environment = Readonly<Record<string, string | undefined>>;

/** The proxy to use for an origin, or undefined to connect directly. */
export type ProxyChooser = (origin: URL) => URL | undefined;

/** `proxy`: a URL for every origin, false for none, undefined to follow the environment. */
export function proxyChooserOf(proxy: string | false | undefined, env: Environment): ProxyChooser {
  if (proxy === false) return () => undefined;
  if (proxy !== undefined) {
    const fixed = proxyUrlOf(proxy, 'proxy');
    return () => fixed;
  }
  const setting = (name: string): string | undefined => env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;
  const httpsProxy = setting('https_proxy');
  const httpProxy = setting('http_proxy');
  const forHttps = httpsProxy === undefined ? undefined : proxyUrlOf(httpsProxy, 'HTTPS_PROXY');
  const forHttp = httpProxy === undefined ? undefined : proxyUrlOf(httpProxy, 'HTTP_PROXY');
  if (forHttps === undefined && forHttp === undefined) return () => undefined;
  const bypass = noProxyOf(setting('no_proxy') ?? '');
  return (origin) => {
    const chosen = origin.protocol === 'https:' ? forHttps : forHttp;
    return chosen === undefined || bypass(origin) ? undefined : chosen;
  };
}

function proxyUrlOf(text: string, name: string): URL {
  let url: URL;
  try {
    // `host:port` without a scheme is common in these variables; it means http.
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    throw new ConfigError(`${name} is not a valid proxy URL`);
  }
  // TLS to the proxy itself is rare and would need a second TLS layer; refuse it plainly.
  if (url.protocol !== 'http:') throw new ConfigError(`${name} must be an http:// proxy, got ${JSON.stringify(url.protocol)}`);
  return url;
}

/** NO_PROXY: `*`, or host names (a name covers its subdomains; a leading dot too), IPs, optional `:port`. */
function noProxyOf(text: string): (origin: URL) => boolean {
  const entries = text.split(/[\s,]+/).filter((entry) => entry !== '');
  if (entries.includes('*')) return () => true;
  const rules = entries.map((entry) => {
    const match = /^(.*?)(?::(\d+))?$/.exec(entry.toLowerCase())!;
    return { host: match[1].replace(/^\*?\./, '').replace(/^\[(.*)\]$/, '$1'), port: match[2] };
  });
  return (origin) => {
    const host = origin.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
    const port = origin.port === '' ? (origin.protocol === 'https:' ? '443' : '80') : origin.port;
    return rules.some((rule) => (rule.port === undefined || rule.port === port) && (host === rule.host || host.endsWith(`.${rule.host}`)));
  };
}

/** The Proxy-Authorization header for a proxy URL with credentials. */
export function proxyHeaders(proxy: URL): Record<string, string> {
  if (proxy.username === '' && proxy.password === '') return {};
  const pair = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(pair).toString('base64')}` };
}

/**
 * An https.Agent whose sockets are TLS over a CONNECT tunnel through `proxy`; pooling, keep-alive
 * and TLS options are the base agent's.
 */
export function tunnellingAgent(Agent: typeof https.Agent, options: https.AgentOptions, proxy: URL): https.Agent {
  class TunnellingAgent extends Agent {
    // Node's Agent waits for the callback when createConnection returns nothing.
    override createConnection(options: http.RequestOptions, callback?: (error: Error | null, socket: Duplex) => void): undefined {
      const target = options as tls.ConnectionOptions & { host?: string; port?: number };
      const done = callback!;
      const authority = `${target.host?.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
      const connect = http.request({
        hostname: proxy.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: proxy.port === '' ? 80 : Number(proxy.port),
        method: 'CONNECT',
        path: authority,
        headers: { host: authority, ...proxyHeaders(proxy) },
        agent: false,
      });
      connect.once('connect', (res, socket) => {
        if (res.statusCode !== 200) {
          socket.destroy();
          done(new Error(`the proxy refused to tunnel to ${authority} (HTTP ${res.statusCode})`), socket);
          return;
        }
        done(null, tlsLoaded().connect({ ...target, socket }));
      });
      connect.once('error', (error) => done(error, undefined as unknown as Duplex));
      connect.end();
      return undefined;
    }
  }
  return new TunnellingAgent(options);
}
