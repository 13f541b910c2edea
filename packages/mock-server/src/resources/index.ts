// The resource semantics of the mock: one handler per operation of the spec (the Handlers type
// fails to compile when one is missing), the seed that gives a server its initial state, and the
// push of an image (for a server that offers pushes outside the API). See README.md.
import type { Handlers } from './context.js';
import { artifactBuildHandlers, listArtifactBuildTasks } from './artifact-builds.js';
import { buildRecordHandlers } from './build-records.js';
import { buildRuleHandlers } from './build-rules.js';
import { buildSourceHandlers } from './build-sources.js';
import { chainHandlers } from './chains.js';
import { chartNamespaceHandlers } from './chart-namespaces.js';
import { chartReleaseHandlers } from './chart-releases.js';
import { chartRepositoryHandlers } from './chart-repositories.js';
import { credentialHandlers } from './credentials.js';
import { endpointHandlers } from './endpoints.js';
import { eventHandlers } from './events.js';
import { imageHandlers } from './images.js';
import { instanceHandlers } from './instances.js';
import { namespaceHandlers } from './namespaces.js';
import { repositoryHandlers } from './repositories.js';
import { resourceTagHandlers } from './resource-tags.js';
import { retentionHandlers } from './retention.js';
import { scanHandlers } from './scans.js';
import { scanRuleHandlers } from './scan-rules.js';
import { storageRoutingHandlers } from './storage-routing.js';
import { subscriptionRuleHandlers } from './subscription-rules.js';
import { subscriptionTaskHandlers } from './subscription-tasks.js';
import { syncHandlers } from './sync.js';
import { triggerHandlers } from './triggers.js';

export const handlers: Handlers = {
  ...instanceHandlers,
  ...endpointHandlers,
  ...syncHandlers,
  ...namespaceHandlers,
  ...repositoryHandlers,
  ...imageHandlers,
  ...scanHandlers,
  ...scanRuleHandlers,
  ...buildRuleHandlers,
  ...buildRecordHandlers,
  ...triggerHandlers,
  ...chartNamespaceHandlers,
  ...chartRepositoryHandlers,
  ...chartReleaseHandlers,
  ...credentialHandlers,
  ...resourceTagHandlers,
  ...retentionHandlers,
  ...eventHandlers,
  ...buildSourceHandlers,
  ...chainHandlers,
  ...storageRoutingHandlers,
  ...artifactBuildHandlers,
  ...subscriptionRuleHandlers,
  ...subscriptionTaskHandlers,
};

export { listArtifactBuildTasks };

export {
  DEFAULT_INSTANCE_ID,
  DEFAULT_REGION_ID,
  QUOTAS,
  isSeeded,
  seedState,
  type ChartNamespaceSeed,
  type ChartReleaseFixture,
  type ChartRepositorySeed,
  type ImageFixture,
  type ImagePushSeed,
  type InstanceSeed,
  type InstanceStatus,
  type LayerFixture,
  type NamespaceSeed,
  type RepositorySeed,
  type Seed,
  type SeedResult,
  type Timings,
} from './seed.js';
export { DEFAULT_TIMINGS } from './common/config.js';
export { pushImage, type Push } from './push.js';
export type { BaselineFixture, MaliciousFileFixture, ScanFindingsSeed, VulnerabilityFixture } from './scans.js';
export type { InstanceRecord } from './instances.js';
export type { EventRuleSeed, EventType } from './events.js';
export type { UpstreamImage } from './upstream.js';
