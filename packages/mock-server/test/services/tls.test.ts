// HTTPS on request: a self-signed certificate the server makes (naming the loopback addresses),
// or one given; the library option and the command's flags.
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AcrClient, createNodeTransport } from '@acr-ee/client';
import { startMockServer } from '../../src/index.js';
import { selfSignedCertificate } from '../../src/runtime/http/tls/certificate.js';
import { INSTANCE } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'acr-mock-tls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function get(url: string, ca: string | undefined, path = '/-/health'): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, ca, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function clientCall(url: string, ca: string): Promise<unknown> {
  const transport = createNodeTransport({ httpsAgent: new Agent({ ca, keepAlive: true }) });
  const client = new AcrClient({ accessKeyId: 'testid', accessKeySecret: 'testsecret', regionId: 'cn-hangzhou', endpoint: url, transport });
  try {
    return await client.getInstance({ InstanceId: INSTANCE });
  } finally {
    transport.close?.();
  }
}

describe('tls: true', () => {
  it('serves HTTPS with a certificate it made for the loopback names, which clients can trust', async () => {
    const server = await startMockServer({ tls: true });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:[0-9]+$/);
      const cert = new X509Certificate(server.certificate as string);
      expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
      expect(cert.subjectAltName).toContain('DNS:localhost');
      expect(cert.verify(cert.publicKey)).toBe(true);
      expect((await get(server.url, server.certificate)).status).toBe(200);
      await expect(get(server.url, undefined)).rejects.toThrow(/self[- ]signed/i);
      await expect(clientCall(server.url, server.certificate as string)).resolves.toMatchObject({ InstanceId: INSTANCE });
    } finally {
      await server.stop();
    }
  });

  it('a plain HTTP server has no certificate', async () => {
    const server = await startMockServer();
    expect(server.certificate).toBeUndefined();
    await server.stop();
  });
});

describe('tls: { cert, key }', () => {
  it('serves the certificate it is given', async () => {
    const given = selfSignedCertificate(['127.0.0.1']);
    const server = await startMockServer({ tls: given });
    try {
      expect(server.certificate).toBe(given.cert);
      expect((await get(server.url, given.cert)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it.each([
    [{ cert: 'nope', key: 'nope' }, /tls.cert is not a PEM certificate/],
    [{ cert: selfSignedCertificate(['x']).cert, key: 'secret-key-text' }, /^tls.key is not a PEM private key$/],
    ['yes', /tls must be true, false, or \{ cert, key \}/],
  ])('%j is refused', async (tls, message) => {
    await expect(startMockServer({ tls: tls as never })).rejects.toThrow(message);
  });
});

describe('the command', () => {
  const BIN = join(dirname(fileURLToPath(import.meta.url)), '../../bin/acr-mock-server.js');

  function start(args: string[]): { url: Promise<string>; stop: () => Promise<void>; stderr: () => string } {
    const child = spawn(process.execPath, [BIN, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const url = new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    url.catch(() => undefined);
    const stop = () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    return { url, stop, stderr: () => stderr };
  }

  it('--https --tls-cert-out FILE: an https URL, and the certificate written for clients to trust', async () => {
    const out = join(dir, 'served.pem');
    const server = start(['--https', '--tls-cert-out', out]);
    try {
      const url = await server.url;
      expect(url).toMatch(/^https:\/\//);
      expect((await get(url, readFileSync(out, 'utf8'))).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('--tls-cert FILE --tls-key FILE, and the metadata flags', async () => {
    const given = selfSignedCertificate(['127.0.0.1']);
    writeFileSync(join(dir, 'c.pem'), given.cert);
    writeFileSync(join(dir, 'k.pem'), given.key);
    const server = start(['--tls-cert', join(dir, 'c.pem'), '--tls-key', join(dir, 'k.pem'), '--instance-role', 'Runner', '--no-imdsv1']);
    try {
      const url = await server.url;
      expect((await get(url, given.cert, '/latest/meta-data/ram/security-credentials/')).status).toBe(403);
    } finally {
      await server.stop();
    }
  });

  it.each([
    [['--tls-cert', 'c.pem'], '--tls-cert and --tls-key go together'],
    [['--tls-cert-out', 'x.pem'], '--tls-cert-out needs --https or --tls-cert'],
    [['--roles', '/nonexistent/roles.json'], '--roles /nonexistent/roles.json: cannot be read'],
  ])('%j exits 2 naming the flag', async (args, message) => {
    const server = start(args);
    await expect(server.url).rejects.toThrow(message);
    expect(existsSync(join(dir, 'x.pem'))).toBe(false);
  });
});
