import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractInventory, INVENTORY_FILE, SEED_FILE } from '../src/inventory.js';

const SEED = SEED_FILE;
const FIXTURE = INVENTORY_FILE;

const SNIPPET = `
9.5 ListRepoSyncTask

Request parameters

Parameter\tType\tRequired\tExample\tDescription
Action\tString\tYes\tListRepoSyncTask\tThe operation.
InstanceId\tString\tYes\tcri-kmsiwlxxdcvaduwb\tThe ID.
PushType\tString\tYes\tGIT_BRANCH\tThe type. Valid values: GIT_TAG and GIT_BRANCH.

Parameter\tType\tRequired\tExample\tDescription
Dockerfile Location\tString\tYes\t-\tThe path.

Response parameters

Parameter\tType\tExample\tDescription
SyncTasks\tArray\t\tA list.
[DO NOT TRANSLATE]\t[DO NOT TRANSLATE]\t[DO NOT TRANSLATE]\t[DO NOT TRANSLATE]

Parameter\tType\tExample\tDescription
ModifiedTime\tLong\t1572839133000\tThe time.
RepoEvent\tString\tBUILD_SUCCESS\tThe event. Valid value: BUILD_SUCCESS.

Examples

Sample requests

\`\`\`
http(s)://[Endpoint]/? Action=ListRepoSyncTask
&InstanceId=cri-kmsiwlxxdcvaduwb
&DockerfileLocation=/
&<Common request parameters>
\`\`\`

Sample success responses**JSON format**

\`\`\`
{
  "SyncTasks":[
    { "ModifedTime":1572839133000,
\`\`\`

\`\`\`
      "SyncBatchTaskId":"15DEEB56" }
  ]
}
\`\`\`

XML format

\`\`\`
<SyncTasks><Ignored>1</Ignored></SyncTasks>
\`\`\`

Error codes
`;

describe('extractInventory', () => {
  it('reads split tables, skips header and hidden rows, joins split JSON blocks, ignores XML', () => {
    expect(extractInventory(SNIPPET).operations).toEqual([
      {
        section: '9.5',
        name: 'ListRepoSyncTask',
        requestTable: ['Action', 'Dockerfile Location', 'InstanceId', 'PushType'],
        sampleRequest: ['DockerfileLocation', 'InstanceId'],
        responseTable: ['ModifiedTime', 'RepoEvent', 'SyncTasks'],
        jsonExampleKeys: ['ModifedTime', 'SyncBatchTaskId', 'SyncTasks'],
        requestWithValidValues: ['PushType'],
        responseWithValidValues: ['RepoEvent'],
      },
    ]);
  });

  it('ignores table-of-contents lines and chapters before 7', () => {
    const toc = '7.1 GetInstance.....\t26\n4.1 Something\n';
    expect(extractInventory(toc).operations).toEqual([]);
  });

  it('finds all 60 operations of the source document, and the committed fixture is up to date', () => {
    expect(existsSync(SEED), `source document not found at ${SEED} (set ACR_SEED)`).toBe(true);
    const inventory = extractInventory(readFileSync(SEED, 'utf8'));
    expect(inventory.operations).toHaveLength(60);
    expect(`${JSON.stringify(inventory, null, 2)}\n`).toBe(readFileSync(FIXTURE, 'utf8'));
  });
});
