// Turns the rounds of every server into medians, ratios and the verdict on the targets: a table for
// people and one final JSON line for tools.
import type { LoadResult } from './job.js';
import { median, type Machine } from '../shared/stats.js';
import type { Options, ServerName } from './options.js';

/** The issue's targets for signed GetInstance requests/s: mock-server ÷ peer at least `min`. */
export const TARGETS = [
  { server: 'mock-server', baseline: 'prism', min: 10 },
  { server: 'mock-server', baseline: 'bare', min: 1 / 3 },
] as const satisfies readonly { server: ServerName; baseline: ServerName; min: number }[];

export const DESCRIPTIONS: Record<ServerName, string> = {
  'mock-server': '@acr-ee/mock-server: signature v1 verified, nonce and timestamp checked, state looked up, JSON built',
  prism: '`prism mock` of the whole spec (every operation), routed by the spec\'s /#Action={operationId} path key',
  bare: 'bare node:http answering the mock server\'s GetInstance JSON, as received (the ceiling)',
};

export interface Figure {
  /** Medians over the rounds. */
  readonly requestsPerSec: number;
  /** Server-process CPU (user + system) per request, µs; null where /proc is not readable. */
  readonly serverCpuUsPerRequest: number | null;
  readonly requestsPerSecMin: number;
  readonly requestsPerSecMax: number;
  /** Requests/s of each round, in round order (for ratios paired by round). */
  readonly byRound: readonly number[];
  /** Rounds whose signed-request pool ran out before the duration (phase shortened). */
  readonly exhaustedRounds: number;
}

export type Figures = Map<ServerName, Figure>;
export type { Machine };


export function summarize(results: ReadonlyMap<ServerName, readonly LoadResult[]>): Figures {
  const figures: Figures = new Map();
  for (const [name, rounds] of results) {
    const rates = rounds.map((r) => (r.requests * 1000) / r.wallMs);
    const cpu = rounds.map((r) => (r.serverCpuUs === null ? null : r.serverCpuUs / r.requests));
    figures.set(name, {
      requestsPerSec: median(rates),
      serverCpuUsPerRequest: cpu.some((c) => c === null) ? null : median(cpu as number[]),
      requestsPerSecMin: Math.min(...rates),
      requestsPerSecMax: Math.max(...rates),
      byRound: rates,
      exhaustedRounds: rounds.filter((r) => r.exhausted).length,
    });
  }
  return figures;
}

/** Requests/s of `server` ÷ that of `baseline`: the median of the per-round ratios (null if one is missing). */
export function ratio(figures: Figures, server: ServerName, baseline: ServerName): number | null {
  const a = figures.get(server)?.byRound;
  const b = figures.get(baseline)?.byRound;
  if (!a || !b || a.length !== b.length) return null;
  return median(a.map((value, round) => value / b[round]));
}

function targetMet(figures: Figures, server: ServerName, baseline: ServerName, min: number): boolean | null {
  const r = ratio(figures, server, baseline);
  return r === null ? null : r >= min;
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows
    .map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('   '))
    .join('\n');
}

export function render(figures: Figures, options: Options, machine: Machine): string {
  const lines = [
    `Signed GetInstance at ${options.connections} connections, each server in its own process on loopback, the load ` +
      `generator in another: ${options.rounds} round(s), servers interleaved; ${fmt(options.warmup)} warm-up requests ` +
      `then ${options.durationS} s timed per server and round.`,
    `Figures are medians of rounds; ratios are medians of per-round ratios. Machine: ${machine.cpus} CPUs, ` +
      `load average ${machine.loadStart.toFixed(2)} at start, ${machine.loadEnd.toFixed(2)} at end.`,
    '',
  ];
  const rows = [['server', 'requests/s', '(min-max)', 'server CPU µs/request']];
  for (const [name, f] of figures) {
    rows.push([
      name,
      fmt(f.requestsPerSec),
      `(${fmt(f.requestsPerSecMin)}-${fmt(f.requestsPerSecMax)})`,
      f.serverCpuUsPerRequest === null ? 'n/a' : fmt(f.serverCpuUsPerRequest, 1),
    ]);
  }
  lines.push(table(rows), '');
  for (const name of figures.keys()) lines.push(`  ${name.padEnd(12)} ${DESCRIPTIONS[name]}`);
  const short = [...figures].filter(([, f]) => f.exhaustedRounds > 0);
  for (const [name, f] of short) {
    lines.push(`  note: ${name}: in ${f.exhaustedRounds} round(s) the pre-signed requests ran out before the duration; those phases were shorter (their rate is exact)`);
  }
  lines.push('', 'Ratios of requests/s:');
  for (const t of TARGETS) {
    const r = ratio(figures, t.server, t.baseline);
    lines.push(`  ${`${t.server} ÷ ${t.baseline}`.padEnd(24)} ${r === null ? 'n/a' : `${r.toFixed(2)}x`}`);
  }
  lines.push('', 'Targets:');
  for (const t of TARGETS) {
    const met = targetMet(figures, t.server, t.baseline, t.min);
    const text = met === null ? 'not measured' : met ? 'MET' : 'MISSED';
    lines.push(`  ${`${t.server} ÷ ${t.baseline} >= ${t.min === 1 / 3 ? '1/3' : t.min}`.padEnd(30)} ${text}`);
  }
  return lines.join('\n');
}

const round = (n: number, digits: number): number => Number(n.toFixed(digits));

export function jsonLine(figures: Figures, options: Options, machine: Machine): string {
  const servers = Object.fromEntries(
    [...figures].map(([name, f]) => [
      name,
      {
        requestsPerSec: round(f.requestsPerSec, 0),
        serverCpuUsPerRequest: f.serverCpuUsPerRequest === null ? null : round(f.serverCpuUsPerRequest, 1),
      },
    ]),
  );
  const ratios = Object.fromEntries(
    TARGETS.map((t) => {
      const r = ratio(figures, t.server, t.baseline);
      return [`${t.server}/${t.baseline}`, r === null ? null : round(r, 3)];
    }),
  );
  const targets = Object.fromEntries(
    TARGETS.map((t) => [`${t.server}/${t.baseline}`, { min: round(t.min, 3), met: targetMet(figures, t.server, t.baseline, t.min) }]),
  );
  return JSON.stringify({
    benchmark: 'mock-server-getinstance',
    unit: { requestsPerSec: 'signed GetInstance requests/s', serverCpuUsPerRequest: 'µs of server-process CPU (user+system) per request' },
    settings: { durationS: options.durationS, rounds: options.rounds, warmup: options.warmup, connections: options.connections },
    machine: { cpus: machine.cpus, loadStart: round(machine.loadStart, 2), loadEnd: round(machine.loadEnd, 2) },
    servers,
    ratios,
    targets,
  });
}
