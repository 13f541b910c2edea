// The API diff: what changed between two versions of the spec and the version bump it deserves.
export { diffModels, type ApiDiff } from './api.js';
export { BUMPS, KINDS, maxBump, overallBump, type Bump, type Change, type ChangeKind } from './change.js';
export { diffJson, diffMarkdown, diffSummaryLines } from './report.js';
export { runDiff, DIFF_USAGE } from './cli.js';
