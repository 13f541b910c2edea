// The diff as a person reads it (Markdown, grouped by operation) and as a program reads it (JSON).
import type { ApiDiff } from './api.js';
import type { Change } from './change.js';

export function diffJson(diff: ApiDiff): string {
  return JSON.stringify({ bump: diff.bump, changes: diff.changes.map(({ operation, kind, detail, bump }) => ({ operation, kind, detail, bump })) }, null, 2);
}

export function diffMarkdown(diff: ApiDiff, title: string): string {
  const lines = [`# ${title}`, ''];
  if (diff.changes.length === 0) return [...lines, 'Bump: **none** (no change to the API).'].join('\n');
  lines.push(`Bump: **${diff.bump}** (${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'}).`);
  const groups = new Map<string, Change[]>();
  for (const change of diff.changes) groups.set(change.operation, [...(groups.get(change.operation) ?? []), change]);
  for (const [operation, changes] of groups) {
    lines.push('', `## ${operation}`, '');
    for (const change of changes) lines.push(`- **${change.bump}** ${change.kind}: ${change.detail}`);
  }
  return lines.join('\n');
}

/** The changes as a changeset's summary: one line per change, grouped by operation. */
export function diffSummaryLines(diff: ApiDiff): string[] {
  return diff.changes.map((c) => `- ${c.operation}: ${c.detail} (${c.bump})`);
}
