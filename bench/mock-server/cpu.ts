// CPU time of another process, from /proc/<pid>/stat (Linux): user + system, in µs. Read at the
// start and end of a timed phase by the load generator, so that each server's cost per request can
// be shown next to its throughput. Null where /proc is not available.
import { readFileSync } from 'node:fs';

export function processCpuUs(pid: number, clockTicks: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: count from after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 (utime, stime) are at 11 and 12 after the name.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1_000_000) / clockTicks : null;
  } catch {
    return null;
  }
}
