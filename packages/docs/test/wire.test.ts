// What the pages say about the wire is what the client does: each operation page's raw request
// carries exactly the parameters the generated client sends for the example (placeholders aside),
// and the signature page's worked example is the signature the client's signer computes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT_FILE } from '@acr-ee/spec';
import { buildModel, type OperationModel } from '@acr-ee/generator';
import { AcrClient, signatureOf, type Transport, type TransportRequest } from '@acr-ee/client';
import { SITE_DIR } from './support/paths.js';

const model = buildModel(ROOT_FILE);

function page(path: string): string {
  return readFileSync(join(SITE_DIR, path), 'utf8');
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#x3D;': '=', '&#x60;': '`' };
const unescapeHtml = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#x27|#x3D|#x60);/g, (e) => ENTITIES[e]);

/** The text of `<pre id="id">` on a page. */
function codeBlock(html: string, id: string): string {
  const match = new RegExp(`<pre class="code" id="${id}"[^>]*><code>([\\s\\S]*?)</code></pre>`).exec(html);
  if (!match) throw new Error(`no code block #${id}`);
  return unescapeHtml(match[1]);
}

// The client, sending into a transport that keeps the request and answers the operation's example.
let last: TransportRequest | undefined;
let answer: unknown = {};
const transport: Transport = async (request) => {
  last = request;
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(answer) };
};
const client = new AcrClient({ accessKeyId: 'docs-test', accessKeySecret: 'docs-test-secret', regionId: 'cn-hangzhou', endpoint: 'http://127.0.0.1:9', transport, retry: false });
afterAll(() => client.close());

async function clientQuery(op: OperationModel): Promise<URLSearchParams> {
  answer = op.response.example;
  await (client as unknown as Record<string, (r: unknown) => Promise<unknown>>)[op.methodName]({ ...op.requestExample });
  return new URLSearchParams(last!.path.slice(last!.path.indexOf('?') + 1));
}

describe.each(model.operations.map((op) => [op.name, op] as const))('%s', (name, op) => {
  it('the raw request on its page carries what the client sends', async () => {
    const wire = codeBlock(page(`operations/${name}.html`), 'code-wire');
    const [requestLine, hostLine] = wire.split('\n');
    const [method, target, version] = requestLine.split(' ');
    expect([method, version]).toEqual(['GET', 'HTTP/1.1']);
    expect(hostLine).toMatch(/^Host: cr\.[a-z0-9-]+\.aliyuncs\.com$/);

    // Placeholders are not percent-encoded: split on & and = by hand.
    const shown = new Map(target.slice(target.indexOf('?') + 1).split('&').map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1)] as const;
    }));
    const sent = await clientQuery(op);
    expect([...shown.keys()].sort()).toEqual([...sent.keys()].sort());
    for (const [key, value] of shown) {
      if (value.startsWith('<')) continue;
      expect(decodeURIComponent(value), `${name} ${key}`).toBe(sent.get(key));
    }
    // The placeholders stand for the secrets and the per-request values, nothing else.
    expect([...shown].filter(([, v]) => v.startsWith('<')).map(([k]) => k).sort()).toEqual(['AccessKeyId', 'Signature', 'SignatureNonce', 'Timestamp']);
  });
});

describe('the signature page', () => {
  const html = page('signature.html');

  it('shows the signature the client computes for its worked example', () => {
    const rows = [...html.matchAll(/<tr><td class="name"><code>([^<]+)<\/code><\/td><td><code>([^<]*)<\/code><\/td><\/tr>/g)];
    expect(rows.length).toBeGreaterThan(8);
    const params = Object.fromEntries(rows.map(([, name, value]) => [decodeURIComponent(unescapeHtml(name)), decodeURIComponent(unescapeHtml(value))]));
    const secret = /the secret <code>([^<]+)<\/code>/.exec(html)![1];
    const signature = codeBlock(html, 'code-signature').trim();
    expect(signatureOf('GET', params, secret)).toBe(signature);
    expect(codeBlock(html, 'code-signed-request')).toContain(`&Signature=${encodeURIComponent(signature)}`);
  });
});
