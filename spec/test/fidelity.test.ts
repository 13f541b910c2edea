// The fidelity test: an inventory of the source document (extracted by scripts/extract-inventory.ts
// and committed as inventory/seed-inventory.json) compared with the spec. A dropped operation,
// parameter or field fails; every difference must be allowed here by the ID of the CURATION.md
// entry that explains it, and every allowance must still be needed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithInventory, namesWithoutEnum, type Difference, type FidelityReport } from '../src/fidelity.js';
import { readInventory, type Inventory } from '../src/inventory.js';
import { loadDereferenced, SPEC_DIR, type Document } from '../src/load.js';
import { metadataOperations } from '../src/metadata.js';
import { listOperations } from '../src/operations.js';

/** `<operation> <request|response> <document|spec> <name as printed>` -> CURATION.md entry. */
const ALLOWED: Record<string, string> = {
  // Spec-only: a field every sibling list operation returns (shared Paging shape).
  'ListInstance response spec TotalCount': 'C7-04',
  // Names the document prints in one place and the rest of its evidence contradicts.
  'CreateRepoSyncRule request document TargetRepositoryName': 'C9-21',
  'UpdateRepoBuildRule request document Dockerfile Location': 'C9-01',
  'UpdateRepoBuildRule request document Dockerfile Name': 'C9-02',
  'UpdateRepoBuildRule request spec DockerfileName': 'C9-02',
  'CreateNamespace request document DefaultRepositoryType': 'C10-03',
  'CreateNamespace request spec DefaultRepoType': 'C10-03',
  'UpdateNamespace request document DefaultRepositoryType': 'C10-08',
  'UpdateNamespace request spec DefaultRepoType': 'C10-08',
  'GetRepository request document repoId': 'C11-19',
  'CreateRepoBuildRule request document Dockerfile Location': 'C14-03',
  'CreateRepoBuildRule request document Dockerfile Name': 'C14-04',
  'ListRepoBuildRule response document Dockerfile Location': 'C14-09',
  'ListRepoBuildRule response document Dockerfile Name': 'C14-09',
  // Names the live service takes that the document does not print (the vendor's API metadata).
  'DeleteRepository request spec RepoNamespaceName': 'L-01',
  'DeleteRepository request spec RepoName': 'L-01',
  'UpdateRepository request spec RepoNamespaceName': 'L-01',
  'UpdateRepository request spec RepoName': 'L-01',
  // Array parameters the vendor's metadata adds to the build rules (M-65).
  'UpdateRepoBuildRule request spec BuildArgs': 'M-65',
  'UpdateRepoBuildRule request spec Platforms': 'M-65',
  'CreateRepoBuildRule request spec BuildArgs': 'M-65',
  'CreateRepoBuildRule request spec Platforms': 'M-65',
  'ListRepoBuildRule response spec BuildArgs': 'M-65',
  'ListRepoBuildRule response spec Platforms': 'M-65',
  'ListInstance request spec ResourceGroupId': 'L-13',
  'CreateRepoSyncRule request spec RepoNameFilter': 'L-07',
  'CreateRepoSyncRule request spec TargetUserId': 'L-07',
  'ListRepoSyncTask request spec RepoNamespaceName': 'L-08',
  'ListRepoSyncTask request spec RepoName': 'L-08',
  'ListRepoSyncTask request spec Tag': 'L-08',
  'CreateRepoTagScanTask request spec Digest': 'L-09',
  'CreateRepoTagScanTask request spec ScanService': 'L-09',
  'CreateRepository request spec TagImmutability': 'L-12',
  'UpdateRepository request spec TagImmutability': 'L-12',
  'GetRepository response spec TagImmutability': 'L-12',
  'ListRepository response spec TagImmutability': 'L-12',
  // DefaultRepoConfiguration, which the vendor's metadata adds to the namespaces (L-18).
  'CreateNamespace request spec DefaultRepoConfiguration': 'L-18',
  'GetNamespace response spec ArtifactBuildRuleParameters': 'L-18',
  'GetNamespace response spec DefaultRepoConfiguration': 'L-18',
  'GetNamespace response spec ImageIndexOnly': 'L-18',
  'GetNamespace response spec RepoType': 'L-18',
  'GetNamespace response spec TagImmutability': 'L-18',
  'ListNamespace response spec ArtifactBuildRuleParameters': 'L-18',
  'ListNamespace response spec DefaultRepoConfiguration': 'L-18',
  'ListNamespace response spec ImageIndexOnly': 'L-18',
  'ListNamespace response spec RepoType': 'L-18',
  'ListNamespace response spec TagImmutability': 'L-18',
  'UpdateNamespace request spec DefaultRepoConfiguration': 'L-18',
  // What the vendor's metadata adds to instances and endpoints (L-19).
  'CreateInstanceVpcEndpointLinkedVpc request spec EnableCreateDNSRecordInPvzt': 'L-19',
  'ListInstanceEndpoint request spec Summary': 'L-19',
  'GetInstance response spec InstanceIssue': 'L-19',
  'GetInstance response spec ResourceGroupId': 'L-19',
  'GetInstance response spec Tags': 'L-19',
  'GetInstance response spec TagKey': 'L-19',
  'GetInstance response spec TagValue': 'L-19',
  'ListInstance response spec InstanceIssue': 'L-19',
  'ListInstance response spec ResourceGroupId': 'L-19',
  'ListInstance response spec Tags': 'L-19',
  'ListInstance response spec TagKey': 'L-19',
  'ListInstance response spec TagValue': 'L-19',
  'GetInstanceUsage response spec ChartNamespaceQuota': 'L-19',
  'GetInstanceUsage response spec ChartNamespaceUsage': 'L-19',
  'GetInstanceUsage response spec ChartRepoQuota': 'L-19',
  'GetInstanceUsage response spec ChartRepoUsage': 'L-19',
  'GetInstanceVpcEndpoint response spec Domains': 'L-19',
  'GetInstanceVpcEndpoint response spec ModuleName': 'L-19',
  // What the vendor's metadata adds to synchronization rules and tasks (L-20).
  'GetRepoSyncTask response spec CrossUser': 'L-20',
  'GetRepoSyncTask response spec SyncTransAccelerate': 'L-20',
  'GetRepoSyncTask response spec ArtifactDigest': 'L-20',
  'ListRepoSyncRule response spec CrossUser': 'L-20',
  'ListRepoSyncRule response spec LocalRepoName': 'L-20',
  'ListRepoSyncRule response spec TargetRepoName': 'L-20',
  'ListRepoSyncTask response spec CrossUser': 'L-20',
  'ListRepoSyncTask response spec CustomLink': 'L-20',
  'ListRepoSyncTask response spec SyncTransAccelerate': 'L-20',
  // The resource group the vendor's metadata answers for namespaces and repositories (L-21).
  'GetChartNamespace response spec ResourceGroupId': 'L-21',
  'GetChartRepository response spec ResourceGroupId': 'L-21',
  'GetNamespace response spec ResourceGroupId': 'L-21',
  'GetRepository response spec ResourceGroupId': 'L-21',
  'ListChartNamespace response spec ResourceGroupId': 'L-21',
  'ListChartRepository response spec ResourceGroupId': 'L-21',
  'ListNamespace response spec ResourceGroupId': 'L-21',
  'ListRepository response spec ResourceGroupId': 'L-21',
  // The image digest the June 2024 metadata adds to GetRepoTagLayers (L-22).
  'GetRepoTagLayers request spec Digest': 'L-22',
  // Request tables that lack the Action row every operation has.
  'DeleteRepository request spec Action': 'C11-01',
  'ListRepoTag request spec Action': 'C12-01',
  'GetRepoTagManifest request spec Action': 'C12-11',
  // The manifest example prints the registry's lower-case keys; the table and the SDK capitalise.
  'GetRepoTagManifest response document config': 'C12-12',
  'GetRepoTagManifest response document digest': 'C12-12',
  'GetRepoTagManifest response document layers': 'C12-12',
  'GetRepoTagManifest response document mediaType': 'C12-12',
  'GetRepoTagManifest response document schemaVersion': 'C12-12',
  'GetRepoTagManifest response document size': 'C12-12',
};

const key = (d: Difference) => `${d.operation} ${d.kind} ${d.side} ${d.name}`;

let inventory: Inventory;
let doc: Document;
let report: FidelityReport;
let withoutEnum: Difference[];
let curation: string;
beforeAll(async () => {
  inventory = readInventory();
  doc = await loadDereferenced();
  report = compareWithInventory(doc, inventory);
  withoutEnum = namesWithoutEnum(doc, inventory);
  curation = readFileSync(join(SPEC_DIR, 'CURATION.md'), 'utf8');
});

describe('fidelity to the source document', () => {
  it('describes exactly the operations the document documents', () => {
    expect(report.missingOperations, 'operations of the document missing from the spec').toEqual([]);
    // The others come from the vendor's API metadata (CURATION.md M-01), which spec/test/
    // metadata-fidelity.test.ts compares them with.
    expect(report.extraOperations, 'operations of the spec the document does not document').toEqual(metadataOperations(doc).sort());
  });

  it('cites, on every operation, the section of the document that describes it', () => {
    const printed = new Map(inventory.operations.map((o) => [o.name, `§${o.section}`]));
    const wrong = listOperations(doc)
      .filter((o) => !metadataOperations(doc).includes(o.operationId))
      .map((o) => [o.operationId, (o.operation as Record<string, unknown>)['x-acs-source'], printed.get(o.operationId)])
      .filter(([, cited, actual]) => cited !== actual);
    expect(wrong).toEqual([]);
  });

  it('explains every name the document prints and the spec lacks, and every name only the spec has', () => {
    const unexplained = report.differences.map(key).filter((k) => !(k in ALLOWED));
    expect(unexplained).toEqual([]);
  });

  it('gives an enum to every parameter and field whose table row lists valid values', () => {
    expect(withoutEnum.map((d) => `${d.operation} ${d.kind} ${d.name}`)).toEqual([]);
  });

  it('has no allowance that is no longer needed', () => {
    const differences = new Set(report.differences.map(key));
    expect(Object.keys(ALLOWED).filter((k) => !differences.has(k))).toEqual([]);
  });

  it('allows each difference only by an entry of CURATION.md that names it', () => {
    for (const [difference, id] of Object.entries(ALLOWED)) {
      const start = curation.indexOf(`- **${id}** `);
      expect(start, `${id} (for ${difference}) is not in CURATION.md`).toBeGreaterThanOrEqual(0);
      const next = curation.indexOf('\n- **', start + 1);
      const entry = curation.slice(start, next < 0 ? undefined : next);
      const name = difference.split(' ').slice(3).join(' ');
      expect(entry, `${id} does not mention ${name}`).toContain(`\`${name}\``);
    }
  });
});
