// A common parameter added to the spec (defined in components/parameters.yaml and listed with the
// others by the path items) reaches every package through the generated code alone: @acr-ee/api's
// table describes it, so the client sends it, signed, and the mock server validates it; the docs
// list it and sign it in their examples. Nothing outside the spec is edited.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureOf } from '@acr-ee/wire';
import { RpcClient } from '../../../packages/client/src/runtime/index.js';
import { buildModel, type ApiModel } from '../../src/model/index.js';
import { emitApiFiles } from '../../src/emit/api/index.js';
import { mockView } from '../../../packages/mock-server/src/runtime/operation.js';
import { emitDocsFiles } from '../../src/emit/docs/index.js';
import type { EmittedFile } from '../../src/emit/files.js';
import { importEmitted, miniSpecCopy } from '../fixtures.js';

const CHANNEL = {
  name: 'Channel',
  in: 'query',
  required: true,
  description: 'Where the request comes from.',
  schema: { type: 'string', enum: ['sdk'] },
};

/** The fixture spec with Channel defined once and referenced by every path item's common list. */
function specWithChannel(): string {
  return miniSpecCopy(
    { file: 'components/parameters.yaml', change: (doc) => (doc.Channel = CHANNEL) },
    {
      file: 'paths/widgets.yaml',
      change: (doc) => {
        for (const item of Object.values(doc)) item.parameters = [...item.parameters, { $ref: '../components/parameters.yaml#/Channel' }];
      },
    },
  );
}

function contentOf(files: readonly EmittedFile[], path: string): string {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no emitted file ${path}`);
  return file.content;
}

describe('a common parameter added to the spec', () => {
  let model: ApiModel;
  const received: string[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    received.push(request.url ?? '');
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ RequestId: 'r-1', WidgetId: 'w-1' }));
  });

  beforeAll(async () => {
    model = buildModel(specWithChannel());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is in the model, with the value a client sends', () => {
    expect(model.commonParameters.map((p) => [p.name, p.sent])).toContainEqual(['Channel', { kind: 'constant', value: 'sdk' }]);
  });

  it('is described by the emitted table, with its check and what a client sends', async () => {
    const { api } = await importEmitted(contentOf(emitApiFiles(model), 'operations.ts'));
    expect(api.commonParameters).toContainEqual({ name: 'Channel', kind: 'string', required: true, enum: ['sdk'], value: 'sdk' });
  });

  it('is sent, signed, by a client built from the emitted table', async () => {
    const { api, operations } = await importEmitted(contentOf(emitApiFiles(model), 'operations.ts'));
    class WidgetClient extends RpcClient {
      getWidget(request: object): Promise<unknown> {
        return this.call(operations.GetWidget, request);
      }
    }
    const { port } = server.address() as AddressInfo;
    const client = new WidgetClient({ regionId: 'region-1', endpoint: `http://127.0.0.1:${port}`, accessKeyId: 'id', accessKeySecret: 'secret' }, api);
    try {
      await client.getWidget({ WidgetId: 'w-1' });
    } finally {
      client.close();
    }
    const params = Object.fromEntries(new URL(received.at(-1)!, 'http://127.0.0.1').searchParams);
    const { Signature, ...signed } = params;
    expect(signed).toMatchObject({ Action: 'GetWidget', Channel: 'sdk', Version: '2020-01-01', WidgetId: 'w-1' });
    expect(Signature).toBe(signatureOf('GET', signed, 'secret'));
  });

  it('is validated by the mock server’s view of the table', async () => {
    const api = mockView((await importEmitted(contentOf(emitApiFiles(model), 'operations.ts'))).api);
    expect(api.commonParameters).toContainEqual({ name: 'Channel', kind: 'string', required: true, enum: ['sdk'], value: 'sdk' });
  });

  it('is listed by the docs and carried by their signed examples', () => {
    const files = emitDocsFiles(model);
    expect(contentOf(files, 'site/common-parameters.html')).toContain('Channel');
    // The worked example's string-to-sign (HTML escapes `=` elsewhere on the page).
    expect(contentOf(files, 'site/signature.html')).toContain('Channel%3Dsdk');
    expect(contentOf(files, 'site/operations/GetWidget.html')).toContain('Channel&#x3D;sdk');
    expect(contentOf(files, 'markdown/GetWidget.md')).toContain('&Channel=sdk&');
    expect(contentOf(files, 'markdown/README.md')).toContain('Channel');
  });
});
