// Robustness: thousands of malformed requests, over raw sockets, against a running server with
// signature verification on and no faults injected. Whatever comes in, the server must stay
// healthy (a valid signed GetInstance succeeds every 100 cases and after the barrage), never answer
// 5xx, and answer every request it answers with a 4xx and the error shape: a JSON body with
// RequestId, Code and Message, or an XML <Error> with the same. Closing a connection without an
// answer is allowed (a request cut short, bytes that are not HTTP); hanging is not.
//
// The cases come from a seeded PRNG (cases.ts): FUZZ_SEED=<n> replays a run, FUZZ_CASES=<n> changes
// how many (default 3000), FUZZ_VERBOSE=1 prints every failing case (the assertion shows 25).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/index.js';
import { CATEGORIES, prng, validGetInstance, type FuzzCase, type Target } from './cases.js';
import { exchange, type RawOutcome, type RawResponse } from './raw-http.js';

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CASES = Number(process.env.FUZZ_CASES ?? 3000);
const HEALTH_EVERY = 100;
const IN_FLIGHT = 4;

const CREDENTIALS = { accessKeyId: 'LTAIfuzzTestKeyId', accessKeySecret: 'fuzz-test-secret' };
/** The instance every server has when its seed names none. */
const INSTANCE_ID = 'cri-mock0000000001';

let server: Awaited<ReturnType<typeof startMockServer>>;
let port: number;
let nonces = 0;
const target: Target = {
  credentials: CREDENTIALS,
  instanceId: INSTANCE_ID,
  regionId: 'cn-hangzhou',
  nonce: () => `fuzz-${SEED}-${++nonces}`,
};

beforeAll(async () => {
  server = await startMockServer({ host: '127.0.0.1', port: 0, ...CREDENTIALS, verifySignature: true });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server?.close();
});

/** Why a response breaks the rules; null when it keeps them. */
function judge(response: RawResponse, head: boolean): string | null {
  const { status } = response;
  if (status >= 500) return `HTTP ${status} (no 5xx without injected faults)`;
  if (status < 400) return `HTTP ${status} (a malformed request must be refused with a 4xx)`;
  if (head) return null; // a response to HEAD has no body
  const type = response.headers['content-type'] ?? '';
  const text = response.body.toString('utf8');
  if (/json/i.test(type)) {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return `HTTP ${status}, content-type ${type}, but the body is not JSON: ${text.slice(0, 200)}`;
    }
    const missing = ['RequestId', 'Code', 'Message'].filter((k) => typeof body[k] !== 'string' || body[k] === '');
    return missing.length === 0 ? null : `HTTP ${status}, JSON error body without ${missing.join(', ')}: ${text.slice(0, 200)}`;
  }
  if (/xml/i.test(type)) {
    if (!/^(<\?xml[^>]*\?>\s*)?<Error>[\s\S]*<\/Error>\s*$/.test(text)) return `HTTP ${status}, XML body without an <Error> root: ${text.slice(0, 200)}`;
    const missing = ['RequestId', 'Code', 'Message'].filter((k) => !new RegExp(`<${k}>[^<]+</${k}>`).test(text));
    return missing.length === 0 ? null : `HTTP ${status}, XML error without ${missing.join(', ')}: ${text.slice(0, 200)}`;
  }
  return `HTTP ${status} with content-type ${JSON.stringify(type)} and body ${JSON.stringify(text.slice(0, 200))}`;
}

function verdict(outcome: RawOutcome, head: boolean): string | null {
  if (outcome.hung) return 'no answer and no close within 15 s';
  if (outcome.garbage !== null) return `an answer that is not HTTP: ${JSON.stringify(outcome.garbage)}`;
  return outcome.response ? judge(outcome.response, head) : null;
}

async function healthy(): Promise<string | null> {
  const outcome = await exchange(port, validGetInstance(target, nonces % 2 === 0 ? 'JSON' : 'XML'));
  const r = outcome.response;
  if (!r) return `the health check got no answer (${outcome.hung ? 'hung' : outcome.garbage ?? 'closed'})`;
  const body = r.body.toString('utf8');
  if (r.status !== 200 || !body.includes(INSTANCE_ID)) return `the health check got HTTP ${r.status}: ${body.slice(0, 300)}`;
  return null;
}

interface Tally {
  cases: number;
  answered: number;
  statuses: Map<number, number>;
}

describe(`robustness under malformed requests (seed ${SEED}; replay with FUZZ_SEED=${SEED})`, () => {
  it(`answers ${CASES} malformed requests with 4xx error bodies and stays healthy`, async () => {
    const rng = prng(SEED);
    const cases: FuzzCase[] = Array.from({ length: CASES }, (_, i) => CATEGORIES[i % CATEGORIES.length].make(rng, target));
    // Shuffle, so that categories interleave in a seed-dependent order.
    for (let i = cases.length - 1; i > 0; i -= 1) {
      const j = rng.int(0, i);
      [cases[i], cases[j]] = [cases[j], cases[i]];
    }
    const tallies = new Map<string, Tally>(CATEGORIES.map((c) => [c.name, { cases: 0, answered: 0, statuses: new Map() }]));
    const failures: string[] = [];
    const health: string[] = [];

    for (let start = 0; start < cases.length; start += HEALTH_EVERY) {
      const batch = cases.slice(start, start + HEALTH_EVERY);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < batch.length) {
          const index = start + next;
          const c = batch[next++];
          const outcome = await exchange(port, c.request);
          const tally = tallies.get(c.category) as Tally;
          tally.cases += 1;
          if (outcome.response) {
            tally.answered += 1;
            tally.statuses.set(outcome.response.status, (tally.statuses.get(outcome.response.status) ?? 0) + 1);
          }
          const why = verdict(outcome, c.request.head === true);
          if (why) failures.push(`#${index} ${c.category} (${c.note}): ${why}`);
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      const sick = await healthy();
      if (sick) health.push(`after case ${start + batch.length}: ${sick}`);
    }
    const finalCheck = await healthy();
    if (finalCheck) health.push(`after the barrage: ${finalCheck}`);

    const summary = [...tallies].map(([name, t]) => {
      const statuses = [...t.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}x${n}`).join(' ');
      return `  ${name.padEnd(26)} ${String(t.cases).padStart(5)} cases, ${String(t.answered).padStart(5)} answered  ${statuses}`;
    });
    console.log(`fuzz seed ${SEED}: ${CASES} cases\n${summary.join('\n')}`);
    const report = `seed ${SEED} (replay with FUZZ_SEED=${SEED})`;
    if (process.env.FUZZ_VERBOSE) console.log(failures.join('\n'));
    expect(health, `server health, ${report}`).toEqual([]);
    expect(failures.slice(0, 25), `${failures.length} failing case(s), ${report}`).toEqual([]);
    expect(server.stats.internalErrors, 'handler errors answered 500').toBe(0);
  }, 300_000);
});
