// --profile: V8 CPU profiles of the timed phases only (not start-up, module loading or warm-up),
// taken in the contender process through the inspector, and a summary of the hottest functions by
// self time. Profiling slows every call, so the figures of a profiled run are not comparable.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export class PhaseProfiler {
  private readonly session = new Session();

  async start(): Promise<void> {
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.setSamplingInterval', { interval: 100 });
    await this.session.post('Profiler.start');
  }

  async stop(file: string): Promise<void> {
    const { profile } = await this.session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    this.session.disconnect();
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function where(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return '';
  const path = frame.url.startsWith('file://') ? relative(REPO_ROOT, fileURLToPath(frame.url)) : frame.url;
  return `${path}:${frame.lineNumber + 1}`;
}

/** Self time per function (name and location), summed over the given profiles. */
export function selfTimes(files: readonly string[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
    const keyOf = new Map(
      profile.nodes.map((n) => [n.id, `${n.callFrame.functionName || '(anonymous)'}  ${where(n.callFrame)}`.trim()]),
    );
    profile.samples.forEach((id, i) => {
      const key = keyOf.get(id) ?? '(unknown)';
      totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
  }
  return totals;
}

/** The `top` functions by self time, as lines with their share of the busy time ("(idle)" left out). */
export function hottest(files: readonly string[], top = 20): string[] {
  const totals = selfTimes(files);
  totals.delete('(idle)');
  let all = 0;
  for (const t of totals.values()) all += t;
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, t]) => `${((100 * t) / (all || 1)).toFixed(1).padStart(5)}%  ${key}`);
}
