// The release tooling: the published workspaces, the last release, and the spec's changesets.
export { publicWorkspaces, readManifest, specWorkspaces, workspaces, type Manifest, type Workspace } from './workspaces.js';
export { LAST_RELEASE_FILE, readLastRelease, writeLastRelease, type LastRelease } from './last-release.js';
export { SPEC_CHANGESET, checkSpecChangesets, pendingBumps, specChangesetText, specDiffSince, type SpecDiff } from './spec-changeset.js';
export { changesetSpec } from './changeset-spec-command.js';
export { RELEASE_USAGE, isPublished, release, releasePlan, type Planned } from './release-command.js';
