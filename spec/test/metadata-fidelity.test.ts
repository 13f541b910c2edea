// The second fidelity test: every operation of the spec, the source document's and those it does
// not describe alike, compared with the vendor's API metadata (request names, types and
// required-ness from the December 2025 file; response field names and types from the June 2024
// file). Every difference must be allowed here by the ID of the CURATION.md entry that explains it,
// and every allowance must still be needed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDereferenced, SPEC_DIR, type Document } from '../src/load.js';
import { compareWithMetadata, metadataOperations, readMetadata, type Metadata, type MetadataDifference } from '../src/metadata.js';

/** `<operation> <request|response> <issue> <name>` -> CURATION.md entry. */
const ALLOWED: Record<string, string> = {
  // Only the vendor's SDK has its response shape.
  'CancelRepoSyncTask response absent ': 'M-31',
  // Resource tags and groups (M-50 to M-53): the metadata's responses hold RequestId only; the
  // spec answers the shared envelope, whose IsSuccess and Code are optional.
  'TagResources response spec-only Code': 'M-50',
  'TagResources response spec-only IsSuccess': 'M-50',
  'UntagResources response spec-only Code': 'M-50',
  'UntagResources response spec-only IsSuccess': 'M-50',
  'ListTagResources response spec-only Code': 'M-50',
  'ListTagResources response spec-only IsSuccess': 'M-50',
  'ChangeResourceGroup response spec-only Code': 'M-50',
  'ChangeResourceGroup response spec-only IsSuccess': 'M-50',
  // Scan rules (M-60 to M-64): only the December 2025 file and the vendor's SDK have them.
  'CreateScanRule response absent ': 'M-60',
  'UpdateScanRule response absent ': 'M-60',
  'DeleteScanRule response absent ': 'M-60',
  'GetScanRule response absent ': 'M-60',
  'ListScanRule response absent ': 'M-60',
  // Artifact subscription (M-120 to M-128): only the December 2025 file and the vendor's SDK have them.
  'CreateArtifactSubscriptionRule response absent ': 'M-120',
  'UpdateArtifactSubscriptionRule response absent ': 'M-120',
  'DeleteArtifactSubscriptionRule response absent ': 'M-120',
  'GetArtifactSubscriptionRule response absent ': 'M-120',
  'ListArtifactSubscriptionRule response absent ': 'M-120',
  'CreateArtifactSubscriptionTask response absent ': 'M-120',
  'GetArtifactSubscriptionTask response absent ': 'M-120',
  'ListArtifactSubscriptionTask response absent ': 'M-120',
  'GetArtifactSubscriptionTaskResult response absent ': 'M-120',
  // Event notification (M-80 to M-82): the success envelope's IsSuccess, which the metadata omits.
  'DeleteEventCenterRule response spec-only IsSuccess': 'M-80',
  // Artifact building (M-96): the vendor's SDK names a second build parameter.
  'GetArtifactBuildRule response spec-only Parameters.PriorityFile': 'M-96',
  'UpdateEventCenterRule response spec-only IsSuccess': 'M-107',
  // Delivery chains (M-100 to M-106): ChainConfig is the JSON object the metadata describes in words.
  'CreateChain request type ChainConfig': 'M-101',
  'CreateChain request style ChainConfig': 'M-101',
  'UpdateChain request type ChainConfig': 'M-101',
  'UpdateChain request style ChainConfig': 'M-101',
  // Storage domain routing (M-140): only the December 2025 file and the vendor's SDK have them.
  'CreateStorageDomainRoutingRule response absent ': 'M-140',
  'UpdateStorageDomainRoutingRule response absent ': 'M-140',
  'DeleteStorageDomainRoutingRule response absent ': 'M-140',
  'GetStorageDomainRoutingRule response absent ': 'M-140',
  // Documented operations (L-14 to L-22). Numbers the June 2024 file types as strings (L-14).
  'GetInstanceUsage response type NamespaceQuota': 'L-14',
  'GetInstanceUsage response type NamespaceUsage': 'L-14',
  'GetInstanceUsage response type RepoQuota': 'L-14',
  'GetInstanceUsage response type RepoUsage': 'L-14',
  'GetInstanceUsage response type ChartNamespaceQuota': 'L-14',
  'GetInstanceUsage response type ChartNamespaceUsage': 'L-14',
  'GetInstanceUsage response type ChartRepoQuota': 'L-14',
  'GetInstanceUsage response type ChartRepoUsage': 'L-14',
  'ListInstance response type Instances[].CreateTime': 'L-14',
  'ListInstance response type Instances[].ModifiedTime': 'L-14',
  'ListRepoTag response type Images[].ImageCreate': 'L-14',
  'ListRepoTag response type Images[].ImageUpdate': 'L-14',
  'ListRepoBuildRecord response type BuildRecords[].EndTime': 'L-14',
  'ListRepoBuildRecord response type BuildRecords[].StartTime': 'L-14',
  'ListRepoSyncTask response type TotalCount': 'L-14',
  'ListNamespace response type TotalCount': 'L-14',
  'ListRepository response type TotalCount': 'L-14',
  'ListRepoTag response type TotalCount': 'L-14',
  'ListRepoBuildRule response type TotalCount': 'L-14',
  'ListRepoBuildRecord response type TotalCount': 'L-14',
  'ListChartNamespace response type TotalCount': 'L-14',
  'ListChartRepository response type TotalCount': 'L-14',
  'ListChartRelease response type TotalCount': 'L-14',
  // Names and a parameter the document has and the June 2024 file does not (L-15).
  'ListRepoSyncTask response spec-only SyncTasks[].ModifiedTime': 'L-15',
  'ListRepoSyncRule response spec-only SyncRules[].LocalRepositoryName': 'L-15',
  'ListRepoSyncRule response spec-only SyncRules[].TargetRepositoryName': 'L-15',
  'GetRepoTagManifest response spec-only Tag': 'L-15',
  'GetRepoTagManifest request required SchemaVersion': 'L-15',
  // The document's optional Summary, which the metadata requires.
  'UpdateRepository request required Summary': 'L-02',
  // ScanType, which no source describes for a scan task.
  'CreateRepoTagScanTask request metadata-only ScanType': 'L-09',
  // DefaultRepoConfiguration, which the vendor's SDK answers and the June 2024 file predates (L-18).
  'GetNamespace response spec-only DefaultRepoConfiguration': 'L-18',
  'GetNamespace response spec-only DefaultRepoConfiguration.ArtifactBuildRuleParameters': 'L-18',
  'GetNamespace response spec-only DefaultRepoConfiguration.ArtifactBuildRuleParameters.ImageIndexOnly': 'L-18',
  'GetNamespace response spec-only DefaultRepoConfiguration.RepoType': 'L-18',
  'GetNamespace response spec-only DefaultRepoConfiguration.TagImmutability': 'L-18',
  'ListNamespace response spec-only Namespaces[].DefaultRepoConfiguration': 'L-18',
  'ListNamespace response spec-only Namespaces[].DefaultRepoConfiguration.ArtifactBuildRuleParameters': 'L-18',
  'ListNamespace response spec-only Namespaces[].DefaultRepoConfiguration.ArtifactBuildRuleParameters.ImageIndexOnly': 'L-18',
  'ListNamespace response spec-only Namespaces[].DefaultRepoConfiguration.RepoType': 'L-18',
  'ListNamespace response spec-only Namespaces[].DefaultRepoConfiguration.TagImmutability': 'L-18',
};

const key = (d: MetadataDifference) => `${d.operation} ${d.kind} ${d.issue} ${d.name}`;

let doc: Document;
let older: Metadata;
let newer: Metadata;
let differences: MetadataDifference[];
let curation: string;
beforeAll(async () => {
  doc = await loadDereferenced();
  older = readMetadata('2024-06');
  newer = readMetadata('2025-12');
  differences = compareWithMetadata(doc, older, newer);
  curation = readFileSync(join(SPEC_DIR, 'CURATION.md'), 'utf8');
});

describe('fidelity to the vendor API metadata', () => {
  it('takes every operation it does not have from the document from a metadata file that has it', () => {
    const operations = metadataOperations(doc);
    expect(operations.length).toBeGreaterThan(0);
    for (const name of operations) {
      const source = String(Object.values(doc.paths).find((item) => item?.get?.operationId === name)?.get?.['x-acs-source' as never]);
      const version = source.slice('metadata '.length) as '2024-06' | '2025-12';
      expect((version === '2024-06' ? older : newer).apis[name], `${name} (${source})`).toBeDefined();
      if (version === '2025-12') expect(older.apis[name], `${name} is in the June 2024 file: cite it`).toBeUndefined();
    }
  });

  it('explains every difference in request names, types and required-ness, and in response fields', () => {
    const unexplained = differences.filter((d) => !(key(d) in ALLOWED)).map((d) => `${key(d)} (${d.detail})`);
    expect(unexplained).toEqual([]);
  });

  it('has no allowance that is no longer needed', () => {
    const found = new Set(differences.map(key));
    expect(Object.keys(ALLOWED).filter((k) => !found.has(k))).toEqual([]);
  });

  it('allows each difference only by an entry of CURATION.md that names its operation', () => {
    for (const [difference, id] of Object.entries(ALLOWED)) {
      const start = curation.indexOf(`- **${id}** `);
      expect(start, `${id} (for ${difference}) is not in CURATION.md`).toBeGreaterThanOrEqual(0);
      const next = curation.indexOf('\n- **', start + 1);
      const entry = curation.slice(start, next < 0 ? undefined : next);
      expect(entry, `${id} does not name ${difference.split(' ')[0]}`).toContain(difference.split(' ')[0]);
      const name = difference.split(' ').slice(3).join(' ');
      if (name) expect(entry, `${id} does not mention ${name}`).toContain(`\`${name}\``);
    }
  });
});
