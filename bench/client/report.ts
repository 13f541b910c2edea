// Turns the rounds of every contender into medians, ratios and the verdict on the targets: a table
// for people and one final JSON line for tools.
import type { ContenderResult } from './job.js';
import { median, type Machine } from '../shared/stats.js';
import { DESCRIPTIONS, type ContenderName } from './contenders/index.js';
import type { Options } from './options.js';

/** The issue's targets for CPU time per call: acr-ee ÷ peer at most `max`, at every concurrency. */
export const TARGETS = [
  { contender: 'acr-ee', baseline: 'floor', max: 1.2 },
  { contender: 'acr-ee', baseline: 'openapi-client', max: 0.6 },
] as const satisfies readonly { contender: ContenderName; baseline: ContenderName; max: number }[];

export interface Figure {
  /** Medians over the rounds. */
  readonly callsPerSec: number;
  readonly cpuUsPerCall: number;
  /** The spread of CPU µs per call over the rounds. */
  readonly cpuUsPerCallMin: number;
  readonly cpuUsPerCallMax: number;
  /** CPU µs per call of each round, in round order (for ratios paired by round). */
  readonly cpuUsPerCallByRound: readonly number[];
}

/** contender -> concurrency -> figure */
export type Figures = Map<ContenderName, Map<number, Figure>>;
export type { Machine };


export function summarize(results: ReadonlyMap<ContenderName, readonly ContenderResult[]>): Figures {
  const figures: Figures = new Map();
  for (const [name, rounds] of results) {
    const byConcurrency = new Map<number, Figure>();
    for (const concurrency of new Set(rounds.flatMap((r) => r.phases.map((p) => p.concurrency)))) {
      const phases = rounds.flatMap((r) => r.phases.filter((p) => p.concurrency === concurrency));
      const cpu = phases.map((p) => p.cpuUs / p.calls);
      byConcurrency.set(concurrency, {
        callsPerSec: median(phases.map((p) => (p.calls * 1000) / p.wallMs)),
        cpuUsPerCall: median(cpu),
        cpuUsPerCallMin: Math.min(...cpu),
        cpuUsPerCallMax: Math.max(...cpu),
        cpuUsPerCallByRound: cpu,
      });
    }
    figures.set(name, byConcurrency);
  }
  return figures;
}

/**
 * CPU per call of `contender` ÷ that of `baseline` at one concurrency (null where one is missing):
 * the median of the per-round ratios. The contenders of a round run back to back, so pairing them
 * by round cancels what drifts between rounds on a shared machine.
 */
export function ratio(figures: Figures, contender: ContenderName, baseline: ContenderName, concurrency: number): number | null {
  const a = figures.get(contender)?.get(concurrency)?.cpuUsPerCallByRound;
  const b = figures.get(baseline)?.get(concurrency)?.cpuUsPerCallByRound;
  if (!a || !b || a.length !== b.length) return null;
  return median(a.map((value, round) => value / b[round]));
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const fmtRatio = (r: number | null): string => (r === null ? 'n/a' : `${r.toFixed(2)}x`);

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows
    .map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('   '))
    .join('\n');
}

/** Every pair whose ratio is printed: each contender against the floor, then the targets' pairs. */
function ratioPairs(names: readonly ContenderName[]): [ContenderName, ContenderName][] {
  const pairs: [ContenderName, ContenderName][] = names.filter((n) => n !== 'floor').map((n) => [n, 'floor']);
  for (const t of TARGETS) {
    if (!pairs.some(([a, b]) => a === t.contender && b === t.baseline)) pairs.push([t.contender, t.baseline]);
  }
  return pairs;
}

export function render(figures: Figures, options: Options, machine: Machine): string {
  const names = [...figures.keys()];
  const lines: string[] = [];
  lines.push(
    `GetInstance against a loopback server in another process: ${options.rounds} round(s), contenders interleaved, ` +
      `each in a fresh process; ${fmt(options.warmup)} warm-up calls then ${options.durationS} s timed per concurrency.`,
    `Figures are medians of rounds; ratios are medians of per-round ratios. Machine: ${machine.cpus} CPUs, ` +
      `load average ${machine.loadStart.toFixed(2)} at start, ${machine.loadEnd.toFixed(2)} at end.`,
    '',
  );
  const rows = [['contender', 'in flight', 'calls/s', 'CPU µs/call', '(min-max)', 'CPU ÷ floor']];
  for (const name of names) {
    for (const [concurrency, f] of figures.get(name) ?? []) {
      rows.push([
        name,
        String(concurrency),
        fmt(f.callsPerSec),
        fmt(f.cpuUsPerCall, 1),
        `(${fmt(f.cpuUsPerCallMin, 1)}-${fmt(f.cpuUsPerCallMax, 1)})`,
        fmtRatio(ratio(figures, name, 'floor', concurrency)),
      ]);
    }
  }
  lines.push(table(rows), '');
  for (const name of names) lines.push(`  ${name.padEnd(15)} ${DESCRIPTIONS[name]}`);
  lines.push('', 'Ratios of CPU time per call:');
  for (const [a, b] of ratioPairs(names)) {
    const parts = options.concurrencies.map((c) => `${c} in flight ${fmtRatio(ratio(figures, a, b, c))}`);
    lines.push(`  ${`${a} ÷ ${b}`.padEnd(28)} ${parts.join(', ')}`);
  }
  lines.push('', 'Targets (at every concurrency):');
  for (const t of TARGETS) {
    const verdict = targetMet(figures, options, t.contender, t.baseline, t.max);
    const text = verdict === null ? 'not measured' : verdict ? 'MET' : 'MISSED';
    lines.push(`  ${`${t.contender} ÷ ${t.baseline} <= ${t.max}`.padEnd(34)} ${text}`);
  }
  return lines.join('\n');
}

function targetMet(figures: Figures, options: Options, a: ContenderName, b: ContenderName, max: number): boolean | null {
  const ratios = options.concurrencies.map((c) => ratio(figures, a, b, c));
  if (ratios.some((r) => r === null)) return null;
  return ratios.every((r) => (r as number) <= max);
}

const round = (n: number, digits: number): number => Number(n.toFixed(digits));

/** The final line: each contender's figures, the ratios and the targets, as one JSON object. */
export function jsonLine(figures: Figures, options: Options, machine: Machine): string {
  const contenders: Record<string, Record<string, { callsPerSec: number; cpuUsPerCall: number }>> = {};
  for (const [name, byConcurrency] of figures) {
    contenders[name] = {};
    for (const [c, f] of byConcurrency) {
      contenders[name][String(c)] = { callsPerSec: round(f.callsPerSec, 0), cpuUsPerCall: round(f.cpuUsPerCall, 1) };
    }
  }
  const ratios: Record<string, Record<string, number | null>> = {};
  for (const [a, b] of ratioPairs([...figures.keys()])) {
    ratios[`${a}/${b}`] = Object.fromEntries(
      options.concurrencies.map((c) => {
        const r = ratio(figures, a, b, c);
        return [String(c), r === null ? null : round(r, 3)];
      }),
    );
  }
  const targets = Object.fromEntries(
    TARGETS.map((t) => [`${t.contender}/${t.baseline}`, { max: t.max, met: targetMet(figures, options, t.contender, t.baseline, t.max) }]),
  );
  return JSON.stringify({
    benchmark: 'client-getinstance',
    unit: { callsPerSec: 'calls/s', cpuUsPerCall: 'µs of client-process CPU (user+system) per call' },
    settings: { durationS: options.durationS, rounds: options.rounds, warmup: options.warmup, concurrencies: options.concurrencies },
    machine: { cpus: machine.cpus, loadStart: round(machine.loadStart, 2), loadEnd: round(machine.loadEnd, 2) },
    contenders,
    ratios,
    targets,
  });
}
