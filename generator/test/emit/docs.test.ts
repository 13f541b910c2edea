// The docs emitter: golden output for the small fixture spec, determinism, the real spec's site
// (a page, a Markdown file and an example per operation; every operation searchable), the signature
// page's worked example checked against chapter 3's published vector, and the text helpers.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_FILE } from '@acr-ee/spec';
import { buildModel, type ApiModel, type OperationModel } from '../../src/model/index.js';
import { emitDocsFiles } from '../../src/emit/docs/index.js';
import { workedExample } from '../../src/emit/docs/signing.js';
import { plainText } from '../../src/emit/docs/text.js';
import { slug } from '../../src/emit/shared/names.js';
import { xmlExample } from '../../src/emit/docs/examples.js';
import { DOCS_ASSETS_DIR, GOLDEN_DIR, MINI_SPEC, isCopiedDocsAsset, listFiles, miniSpecCopy } from '../fixtures.js';

const GOLDEN_DOCS_DIR = join(GOLDEN_DIR, 'docs');

function listGolden(): string[] {
  return listFiles(GOLDEN_DOCS_DIR);
}

describe('docs emitter', () => {
  it('writes the golden files for the fixture spec (update them with `npm run golden -w @acr-ee/generator`)', () => {
    const files = emitDocsFiles(buildModel(MINI_SPEC)).filter((f) => !isCopiedDocsAsset(f.path));
    expect(files.map((f) => f.path)).toEqual(listGolden());
    for (const file of files) expect(file.content, file.path).toBe(readFileSync(join(GOLDEN_DOCS_DIR, file.path), 'utf8'));
  });

  it('copies the hand-written assets as they are', () => {
    const files = new Map(emitDocsFiles(buildModel(MINI_SPEC)).map((f) => [f.path, f.content]));
    const assets = readdirSync(DOCS_ASSETS_DIR).sort();
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(files.get(`site/assets/${asset}`), asset).toBe(readFileSync(join(DOCS_ASSETS_DIR, asset), 'utf8'));
  });

  it('is deterministic', () => {
    expect(emitDocsFiles(buildModel(miniSpecCopy()))).toEqual(emitDocsFiles(buildModel(MINI_SPEC)));
  });

  describe('the real spec', () => {
    const model = buildModel(ROOT_FILE);
    const files = new Map(emitDocsFiles(model).map((f) => [f.path, f.content]));

    it('has a page, a Markdown file and a TypeScript example for every operation', () => {
      for (const op of model.operations) {
        const page = files.get(`site/operations/${op.name}.html`);
        expect(page, op.name).toBeDefined();
        expect(page).toContain(`<h1>${op.name}</h1>`);
        expect(page).toContain(`<code>${op.ram.action}</code>`);
        for (const p of op.parameters) expect(page, `${op.name} ${p.name}`).toContain(`<tr id="param-${p.name}">`);
        expect(files.get(`markdown/${op.name}.md`), op.name).toContain(`# ${op.name}\n`);
        expect(files.get(`examples/${op.name}.ts`), op.name).toContain(`client.${op.methodName}${op.pagination ? 'All' : ''}(`);
      }
    });

    it('has a page per group listing its operations, and the reference pages', () => {
      for (const group of model.groups) {
        const page = files.get(`site/groups/${slug(group.name)}.html`);
        expect(page, group.name).toBeDefined();
        for (const name of group.operations) expect(page).toContain(`href="../operations/${name}.html"`);
      }
      for (const page of ['index', 'common-parameters', 'signature', 'errors', 'ram']) expect(files.has(`site/${page}.html`), page).toBe(true);
      const ram = files.get('site/ram.html')!;
      for (const op of model.operations) expect(ram).toContain(`<code>${op.ram.resource.replace(/&/g, '&amp;')}</code>`);
    });

    it('puts every operation, its parameters and fields in the search index', () => {
      const source = files.get('site/assets/search-index.js')!;
      const index = JSON.parse(source.slice(source.indexOf('=') + 1).trim().replace(/;$/, '')) as { operations: { name: string; parameters: string[]; fields: string[] }[] };
      expect(index.operations.map((o) => o.name)).toEqual(model.operations.map((o) => o.name));
      const repo = index.operations.find((o) => o.name === 'ListRepository')!;
      expect(repo.parameters).toContain('RepoNamespaceName');
      expect(repo.fields).toContain('RepoStatus');
    });

    it('writes links only to pages it writes', () => {
      for (const [path, content] of files) {
        if (!path.endsWith('.html')) continue;
        const dir = path.split('/').slice(0, -1).join('/');
        for (const [, href] of content.matchAll(/href="([^"#]+)(?:#[^"]*)?"/g)) {
          const target = join(dir, href);
          expect(files.has(target), `${path} links to ${href}`).toBe(true);
        }
      }
    });
  });
});

describe('worked signature example', () => {
  it('reproduces chapter 3 of the vendor reference (DescribeRegions, testid/testsecret)', () => {
    const model = buildModel(ROOT_FILE);
    // Chapter 3 asks for XML and an older version: the same parameters with other fixed values.
    const fixed: Record<string, string> = { Format: 'XML', Version: '2014-05-26' };
    const commonParameters = model.commonParameters.map((p) => (p.name in fixed ? { ...p, sent: { kind: 'constant', value: fixed[p.name] } as const } : p));
    const chapter3: ApiModel = { ...model, apiVersion: '2014-05-26', commonParameters };
    const op = { ...model.operations[0], name: 'DescribeRegions', requestExample: {} } as OperationModel;
    const example = workedExample(chapter3, op, {
      accessKeyId: 'testid',
      accessKeySecret: 'testsecret',
      timestamp: '2016-02-23T12:46:24Z',
      nonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
    });
    expect(example.stringToSign).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
    expect(example.signature).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
    expect(example.requestTarget).toMatch(/&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D$/);
  });

  it('refuses a signature method it cannot compute, naming it', () => {
    const model = buildModel(ROOT_FILE);
    const other: ApiModel = { ...model, signature: { ...model.signature, method: 'HMAC-MD5' } };
    expect(() => workedExample(other, model.operations[0])).toThrow(/HMAC-MD5/);
  });
});

describe('text helpers', () => {
  it('plainText keeps identifiers and drops Markdown marks', () => {
    expect(plainText('Valid values: `TAG_LIST` and **ALL**.\n\n- a [link](x.html)')).toBe('Valid values: TAG_LIST and ALL. a link');
  });

  it('xmlExample writes arrays as repeated elements and escapes text', () => {
    expect(xmlExample('R', { A: [{ B: 1 }, { B: 2 }], C: 'x<y&z', D: null })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<R>\n  <A>\n    <B>1</B>\n  </A>\n  <A>\n    <B>2</B>\n  </A>\n  <C>x&lt;y&amp;z</C>\n  <D></D>\n</R>\n',
    );
  });
});
