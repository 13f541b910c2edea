// Durability of acknowledged writes: the real server, in a process of its own with a state file,
// takes writes from the client (8 in flight); at the moment the client holds the 40th
// acknowledgement the process gets SIGKILL, with other writes still in flight (an answer that
// still arrives after the signal counts as acknowledged too). Restarted on the same
// file, the server must have every acknowledged write (creations, and the deletions acknowledged
// before them); writes that were in flight may or may not be there. Then the same through a clean
// stop (SIGTERM) and restart.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AcrClient } from '@acr-ee/client';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { spawnServer } from './spawn-server.js';

const CREDENTIALS = { accessKeyId: 'LTAIkill9testKeyId', accessKeySecret: 'kill9-test-secret' };
/** The instance every server has when its seed names none. */
const INSTANCE_ID = 'cri-mock0000000001';
const REGION_ID = 'cn-hangzhou';

const dir = mkdtempSync(join(tmpdir(), 'acr-kill9-'));
const children = new Set<ChildProcess>();

afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Running {
  readonly child: ChildProcess;
  readonly client: AcrClient;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startServer(stateFile: string): Promise<Running> {
  const { child, url, exited } = await spawnServer({ stateFile, ...CREDENTIALS, verifySignature: true }, children);
  // One attempt per call: a write is acknowledged by its own response, never by a retry's.
  const client = new AcrClient({ ...CREDENTIALS, regionId: REGION_ID, endpoint: url, retry: false });
  return { child, client, exited };
}

async function namespaceNames(client: AcrClient): Promise<string[]> {
  const page = await client.listNamespace({ InstanceId: INSTANCE_ID, PageNo: 1, PageSize: 100 });
  const names = (page.Namespaces ?? []).map((ns) => ns.NamespaceName as string);
  expect(names.length).toBe(page.TotalCount);
  return names.sort();
}

function create(client: AcrClient, name: string): Promise<unknown> {
  return client.createNamespace({ InstanceId: INSTANCE_ID, NamespaceName: name, AutoCreateRepo: true, DefaultRepoType: 'PRIVATE' });
}

describe('durability of acknowledged writes (SqliteStore behind the real server)', () => {
  it('keeps every acknowledged write across kill -9 with writes in flight, and across a clean restart', async () => {
    const stateFile = join(dir, 'state.db');
    const acknowledged = new Set<string>();
    const deleted = new Set<string>();

    // 1. Writes, with deletions acknowledged among them.
    let server = await startServer(stateFile);
    for (const name of ['gone-1', 'gone-2', 'gone-3']) {
      await create(server.client, name);
      await server.client.deleteNamespace({ InstanceId: INSTANCE_ID, NamespaceName: name });
      deleted.add(name);
    }
    const TARGET = 40;
    const IN_FLIGHT = 8;
    let next = 0;
    let killed = false;
    const writer = async (): Promise<void> => {
      while (!killed) {
        const name = `ns-${String(next++).padStart(3, '0')}`;
        try {
          await create(server.client, name);
        } catch (error) {
          if (killed) return; // in flight when the process died: not acknowledged
          throw error;
        }
        // Acknowledged, even if the answer arrives just after the kill signal went out.
        acknowledged.add(name);
        if (acknowledged.size === TARGET && !killed) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, writer));
    expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(acknowledged.size).toBeGreaterThanOrEqual(TARGET);

    // 2. Restart on the same file: every acknowledged creation and deletion is there.
    server = await startServer(stateFile);
    let names = await namespaceNames(server.client);
    const missing = [...acknowledged].filter((name) => !names.includes(name));
    expect(missing, `acknowledged before kill -9 but missing after restart`).toEqual([]);
    expect(names.filter((name) => deleted.has(name))).toEqual([]);
    // Whatever was in flight may be there or not, but nothing else.
    expect(names.every((name) => /^ns-\d{3}$/.test(name) && Number(name.slice(3)) < next)).toBe(true);
    const details = await server.client.getNamespace({ InstanceId: INSTANCE_ID, NamespaceName: 'ns-000' });
    expect(details).toMatchObject({ NamespaceName: 'ns-000', AutoCreateRepo: true, DefaultRepoType: 'PRIVATE' });

    // 3. The restarted server writes to the same file; a clean stop and restart keeps it all.
    for (const name of ['after-1', 'after-2']) {
      await create(server.client, name);
      acknowledged.add(name);
    }
    await server.client.deleteNamespace({ InstanceId: INSTANCE_ID, NamespaceName: 'ns-001' });
    acknowledged.delete('ns-001');
    deleted.add('ns-001');
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);

    server = await startServer(stateFile);
    names = await namespaceNames(server.client);
    expect([...acknowledged].filter((name) => !names.includes(name))).toEqual([]);
    expect(names.filter((name) => deleted.has(name))).toEqual([]);
    server.child.kill('SIGTERM');
    await server.exited;
  }, 120_000);
});
