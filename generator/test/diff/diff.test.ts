// The API diff on fixture spec pairs (the small widget spec and edited copies of it): every kind of
// change, the bump it deserves in each direction, the report formats and the command's exit codes;
// and the real spec against earlier commits of this repository.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/index.js';
import { type Change, KINDS, diffMarkdown, diffModels, runDiff } from '../../src/diff/index.js';
import { miniSpecCopy } from '../fixtures.js';

type Doc = Record<string, any>;
interface Edit {
  readonly file: string;
  readonly change: (doc: Doc) => void;
}

const ROOT = 'openapi.yaml';
const OPS = 'paths/widgets.yaml';
const SCHEMAS = 'components/schemas/widgets.yaml';

/** A copy of the widget spec with the edits applied, and its root file. */
function specWith(...edits: Edit[]): string {
  const root = miniSpecCopy();
  for (const edit of edits) {
    const file = join(dirname(root), edit.file);
    const doc = parse(readFileSync(file, 'utf8'), { merge: true });
    edit.change(doc);
    writeFileSync(file, stringify(doc, { aliasDuplicateObjects: false }));
  }
  return root;
}

const ops = (change: (doc: Doc) => void): Edit => ({ file: OPS, change });
const schemas = (change: (doc: Doc) => void): Edit => ({ file: SCHEMAS, change });
const root = (change: (doc: Doc) => void): Edit => ({ file: ROOT, change });
const param = (doc: Doc, operation: string, name: string) => doc[operation].get.parameters.find((p: Doc) => p.name === name);
const withoutParam = (doc: Doc, operation: string, name: string) => {
  doc[operation].get.parameters = doc[operation].get.parameters.filter((p: Doc) => p.name !== name);
};
/** Paging off: without PageNo the operation is not paged, so its item key goes too. */
const unpaged = (doc: Doc, operation: string) => {
  withoutParam(doc, operation, 'PageNo');
  delete doc[operation].get['x-acr-item-key'];
};
const addOperation = (name: string): Edit[] => [
  ops((d) => {
    d[name] = structuredClone(d.GetWidget);
    d[name].get.operationId = name;
    // A copy's waiters would repeat GetWidget's names (and a non-Get copy cannot have any).
    delete d[name].get['x-acr-waiters'];
    d[name].get.parameters[0] = { ...d[name].get.parameters[0], description: `${name}.`, schema: { type: 'string', enum: [name] } };
  }),
  root((d) => {
    d.paths[`/#Action=${name}`] = { $ref: `./paths/widgets.yaml#/${name}` };
  }),
];

interface Case {
  readonly name: string;
  readonly base?: Edit[];
  readonly head: Edit[];
  readonly bump: Change['bump'] | 'none';
  /** Changes that must be found (operation, kind, bump; detail matched as a substring). */
  readonly want: readonly Partial<Change>[];
}

const CASES: Case[] = [
  { name: 'no change', head: [], bump: 'none', want: [] },
  {
    name: 'operation removed',
    head: [root((d) => delete d.paths['/#Action=CreateWidget'])],
    bump: 'major',
    want: [{ operation: 'CreateWidget', kind: 'operation-removed', bump: 'major' }],
  },
  { name: 'operation added', head: addOperation('DeleteWidget'), bump: 'minor', want: [{ operation: 'DeleteWidget', kind: 'operation-added', bump: 'minor' }] },
  {
    name: 'operation renamed (a removal and an addition)',
    head: [...addOperation('FetchWidget'), root((d) => delete d.paths['/#Action=GetWidget'])],
    bump: 'major',
    want: [
      { operation: 'FetchWidget', kind: 'operation-added', bump: 'minor' },
      { operation: 'GetWidget', kind: 'operation-removed', bump: 'major' },
    ],
  },
  {
    name: 'required parameter added',
    head: [ops((d) => d.GetWidget.get.parameters.push({ name: 'Verbose', in: 'query', required: true, description: 'V.', schema: { type: 'boolean' } }))],
    bump: 'major',
    want: [{ operation: 'GetWidget', kind: 'parameter-added', bump: 'major', detail: 'required parameter Verbose added' }],
  },
  {
    name: 'optional parameter added',
    head: [ops((d) => d.GetWidget.get.parameters.push({ name: 'Verbose', in: 'query', required: false, description: 'V.', schema: { type: 'boolean' } }))],
    bump: 'minor',
    want: [{ operation: 'GetWidget', kind: 'parameter-added', bump: 'minor', detail: 'optional parameter Verbose added' }],
  },
  { name: 'parameter removed', head: [ops((d) => withoutParam(d, 'CreateWidget', 'Shiny'))], bump: 'major', want: [{ operation: 'CreateWidget', kind: 'parameter-removed', bump: 'major' }] },
  {
    name: 'parameter made required, another made optional',
    head: [ops((d) => ((param(d, 'CreateWidget', 'Size').required = true), (param(d, 'CreateWidget', 'Name').required = false)))],
    bump: 'major',
    want: [
      { operation: 'CreateWidget', kind: 'parameter-required', bump: 'major', detail: 'parameter Size' },
      { operation: 'CreateWidget', kind: 'parameter-optional', bump: 'minor', detail: 'parameter Name' },
    ],
  },
  {
    name: 'parameter type changed',
    head: [ops((d) => (param(d, 'CreateWidget', 'Size').schema = { type: 'string' }))],
    bump: 'major',
    want: [{ operation: 'CreateWidget', kind: 'type-changed', bump: 'major', detail: 'parameter Size: type changed from integer to string' }],
  },
  {
    name: 'request constraint narrowed (maxLength down, pattern added)',
    head: [ops((d) => ((param(d, 'CreateWidget', 'Name').schema.maxLength = 10), (param(d, 'GetWidget', 'WidgetId').schema.pattern = '^w-')))],
    bump: 'major',
    want: [
      { operation: 'CreateWidget', kind: 'constraint-narrowed', bump: 'major', detail: 'maxLength changed from 30 to 10' },
      { operation: 'GetWidget', kind: 'constraint-narrowed', bump: 'major', detail: 'pattern' },
    ],
  },
  {
    name: 'request constraint widened (maxLength up, minimum dropped)',
    head: [ops((d) => ((param(d, 'CreateWidget', 'Name').schema.maxLength = 60), delete param(d, 'ListWidget', 'PageSize').schema.minimum))],
    bump: 'minor',
    want: [
      { operation: 'CreateWidget', kind: 'constraint-widened', bump: 'minor', detail: 'maxLength changed from 30 to 60' },
      { operation: 'ListWidget', kind: 'constraint-widened', bump: 'minor', detail: 'minimum changed from 1 to (none)' },
    ],
  },
  {
    name: 'enum value removed from a request parameter',
    head: [ops((d) => (param(d, 'CreateWidget', 'Size').schema.enum = [1, 2]))],
    bump: 'major',
    want: [{ operation: 'CreateWidget', kind: 'enum-value-removed', bump: 'major', detail: 'value 3 removed' }],
  },
  {
    name: 'enum value added to a request parameter',
    head: [ops((d) => (param(d, 'CreateWidget', 'Size').schema.enum = [1, 2, 3, 4]))],
    bump: 'minor',
    want: [{ operation: 'CreateWidget', kind: 'enum-value-added', bump: 'minor', detail: 'value 4 added' }],
  },
  {
    name: 'enum introduced on a request parameter, another dropped',
    head: [ops((d) => ((param(d, 'GetWidget', 'WidgetId').schema.enum = ['w-1']), delete param(d, 'CreateWidget', 'Size').schema.enum))],
    bump: 'major',
    want: [
      { operation: 'GetWidget', kind: 'enum-added', bump: 'major' },
      { operation: 'CreateWidget', kind: 'enum-removed', bump: 'minor' },
    ],
  },
  {
    name: 'enum value added to a shared schema sent and read (Color): minor both ways',
    head: [schemas((d) => d.Color.enum.push('BLUE'))],
    bump: 'minor',
    want: [{ operation: '(schema Color)', kind: 'enum-value-added', bump: 'minor', detail: 'used by CreateWidget, GetWidget, ListWidget' }],
  },
  {
    name: 'enum value removed from a shared schema that a request sends: major',
    base: [ops((d) => delete d.GetWidget.get['x-acr-waiters'])],
    head: [schemas((d) => (d.Color.enum = ['RED'])), ops((d) => delete d.GetWidget.get['x-acr-waiters'])],
    bump: 'major',
    want: [{ operation: '(schema Color)', kind: 'enum-value-removed', bump: 'major' }],
  },
  {
    name: 'response field enum: value added and removed are minor; the enum dropped is major',
    base: [ops((d) => (d.CreateWidget.get.responses['200'].content['application/json'].schema.allOf[1].properties.State = { type: 'string', enum: ['NEW', 'OLD'] }))],
    head: [ops((d) => (d.CreateWidget.get.responses['200'].content['application/json'].schema.allOf[1].properties.State = { type: 'string' }))],
    bump: 'major',
    want: [{ operation: 'CreateWidget', kind: 'enum-removed', bump: 'major', detail: 'response.State' }],
  },
  {
    name: 'response field enum value added and one removed',
    base: [ops((d) => (d.CreateWidget.get.responses['200'].content['application/json'].schema.allOf[1].properties.State = { type: 'string', enum: ['NEW', 'OLD'] }))],
    head: [ops((d) => (d.CreateWidget.get.responses['200'].content['application/json'].schema.allOf[1].properties.State = { type: 'string', enum: ['NEW', 'GONE'] }))],
    bump: 'minor',
    want: [
      { operation: 'CreateWidget', kind: 'enum-value-added', bump: 'minor', detail: 'response.State: value "GONE" added' },
      { operation: 'CreateWidget', kind: 'enum-value-removed', bump: 'minor', detail: 'response.State: value "OLD" removed' },
    ],
  },
  {
    name: 'response field removed (inline and in a shared schema)',
    head: [
      ops((d) => delete d.CreateWidget.get.responses['200'].content['application/json'].schema.allOf[1].properties.WidgetId),
      schemas((d) => delete d.Widget.properties.Weight),
    ],
    bump: 'major',
    want: [
      { operation: 'CreateWidget', kind: 'field-removed', bump: 'major', detail: 'response.WidgetId' },
      { operation: '(schema Widget)', kind: 'field-removed', bump: 'major', detail: 'Widget.Weight: field removed (used by GetWidget, ListWidget)' },
    ],
  },
  {
    name: 'response field added',
    head: [schemas((d) => (d.Widget.properties.Height = { type: 'integer', format: 'int32', description: 'Height.' }))],
    bump: 'minor',
    want: [{ operation: '(schema Widget)', kind: 'field-added', bump: 'minor', detail: 'Widget.Height: optional field added' }],
  },
  {
    name: 'required field added to a request object (the fields of a new base)',
    base: [ops((d) => d.CreateWidget.get.parameters.push({ name: 'Meta', in: 'query', required: false, description: 'M.', 'x-acr-style': 'json', content: { 'application/json': { schema: { type: 'object', properties: { A: { type: 'string' } } } } } }))],
    head: [
      ops((d) =>
        d.CreateWidget.get.parameters.push({ name: 'Meta', in: 'query', required: false, description: 'M.', 'x-acr-style': 'json', content: { 'application/json': { schema: { type: 'object', required: ['B'], properties: { A: { type: 'string' }, B: { type: 'string' } } } } } }),
      ),
    ],
    bump: 'major',
    want: [{ operation: 'CreateWidget', kind: 'field-added', bump: 'major', detail: 'parameter Meta.B: required field added' }],
  },
  {
    name: 'response field type changed',
    head: [schemas((d) => (d.Widget.properties.Weight = { type: 'string', description: 'Grams.', example: '12' }))],
    bump: 'major',
    want: [{ operation: '(schema Widget)', kind: 'type-changed', bump: 'major', detail: 'Widget.Weight: type changed from integer to string' }],
  },
  {
    name: 'response field made optional (major) and another made required (minor)',
    head: [schemas((d) => (d.Widget.required = ['Weight']))],
    bump: 'major',
    want: [
      { operation: '(schema Widget)', kind: 'field-optional', bump: 'major', detail: 'Widget.WidgetId' },
      { operation: '(schema Widget)', kind: 'field-required', bump: 'minor', detail: 'Widget.Weight' },
    ],
  },
  {
    name: 'nullable added to a response field (major), removed from another (minor)',
    head: [schemas((d) => ((d.Widget.properties.Weight.nullable = true), delete d.Widget.properties.Ratio.nullable))],
    bump: 'major',
    want: [
      { operation: '(schema Widget)', kind: 'nullable-changed', bump: 'major', detail: 'Widget.Weight: may now be null' },
      { operation: '(schema Widget)', kind: 'nullable-changed', bump: 'minor', detail: 'Widget.Ratio: may no longer be null' },
    ],
  },
  {
    name: 'default changed',
    head: [ops((d) => (param(d, 'CreateWidget', 'Shiny').schema.default = true))],
    bump: 'minor',
    want: [{ operation: 'CreateWidget', kind: 'default-changed', bump: 'minor', detail: 'parameter Shiny: default changed from false to true' }],
  },
  {
    name: 'field deprecation removed (patch) and added (minor)',
    head: [schemas((d) => (delete d.Widget.properties.Parts.items.properties.OldName.deprecated, (d.Widget.properties.Ratio.deprecated = true)))],
    bump: 'minor',
    want: [
      { operation: '(schema Widget)', kind: 'deprecated-changed', bump: 'patch', detail: 'Widget.Parts[].OldName: no longer deprecated' },
      { operation: '(schema Widget)', kind: 'deprecated-changed', bump: 'minor', detail: 'Widget.Ratio: deprecated' },
    ],
  },
  {
    name: 'operation deprecated (minor), another no longer (patch)',
    head: [ops((d) => ((d.GetWidget.get.deprecated = true), (d.CreateWidget.get.deprecated = false)))],
    bump: 'minor',
    want: [
      { operation: 'GetWidget', kind: 'operation-deprecated', bump: 'minor' },
      { operation: 'CreateWidget', kind: 'operation-undeprecated', bump: 'patch' },
    ],
  },
  {
    name: 'paging removed',
    head: [ops((d) => unpaged(d, 'ListWidget'))],
    bump: 'major',
    want: [
      { operation: 'ListWidget', kind: 'pagination-changed', bump: 'major' },
      { operation: 'ListWidget', kind: 'parameter-removed', bump: 'major' },
    ],
  },
  {
    name: 'paging added',
    base: [ops((d) => unpaged(d, 'ListWidget'))],
    head: [],
    bump: 'minor',
    want: [
      { operation: 'ListWidget', kind: 'pagination-changed', bump: 'minor', detail: 'now pageable' },
      { operation: 'ListWidget', kind: 'parameter-added', bump: 'minor' },
    ],
  },
  {
    name: 'waiter removed (major)',
    head: [ops((d) => d.GetWidget.get['x-acr-waiters'].splice(1, 1))],
    bump: 'major',
    want: [{ operation: 'GetWidget', kind: 'waiter-removed', bump: 'major', detail: 'waitUntilWidgetGone' }],
  },
  {
    name: 'waiter added (minor), waiter description changed (patch)',
    base: [ops((d) => d.GetWidget.get['x-acr-waiters'].splice(1, 1))],
    head: [ops((d) => (d.GetWidget.get['x-acr-waiters'][0].description = 'The widget turned green.'))],
    bump: 'minor',
    want: [
      { operation: 'GetWidget', kind: 'waiter-added', bump: 'minor', detail: 'waitUntilWidgetGone' },
      { operation: 'GetWidget', kind: 'docs-changed', bump: 'patch', detail: 'waiter WidgetGreen: description' },
    ],
  },
  {
    name: 'waiter acceptors changed (minor)',
    head: [ops((d) => delete d.GetWidget.get['x-acr-waiters'][0].failure)],
    bump: 'minor',
    want: [{ operation: 'GetWidget', kind: 'waiter-changed', bump: 'minor' }],
  },
  {
    name: 'RAM action changed (minor), RAM source changed (patch)',
    head: [ops((d) => ((d.GetWidget.get['x-acs-ram'].action = 'w:ReadWidget'), (d.ListWidget.get['x-acs-ram'].source = 'documented')))],
    bump: 'minor',
    want: [
      { operation: 'GetWidget', kind: 'ram-changed', bump: 'minor', detail: 'w:ReadWidget' },
      { operation: 'ListWidget', kind: 'docs-changed', bump: 'patch', detail: 'RAM rule source' },
    ],
  },
  {
    name: 'named schema added',
    head: [schemas((d) => ((d.Shape = { type: 'string', enum: ['ROUND'] }), (d.Widget.properties.Shape = { $ref: '#/Shape' })))],
    bump: 'minor',
    want: [
      { operation: '(schema Shape)', kind: 'schema-added', bump: 'minor' },
      { operation: '(schema Widget)', kind: 'field-added', bump: 'minor', detail: 'Widget.Shape' },
    ],
  },
  {
    name: 'named schema inlined: the exported type is gone (major), the parameter accepts the same values (patch)',
    head: [
      ops((d) => (param(d, 'ListWidget', 'Color').schema = { type: 'string', description: "A colour, in 'quotes'.", enum: ['RED', 'GREEN'] })),
      ops((d) => (param(d, 'CreateWidget', 'Color').schema = { type: 'string', description: "A colour, in 'quotes'.", enum: ['RED', 'GREEN'], default: 'RED' })),
      schemas((d) => (d.Widget.properties.Color = { type: 'string', description: "A colour, in 'quotes'.", enum: ['RED', 'GREEN'] })),
    ],
    bump: 'major',
    want: [
      { operation: 'ListWidget', kind: 'docs-changed', bump: 'patch', detail: 'parameter Color: now described by string instead of Color' },
      { operation: '(schema Color)', kind: 'schema-removed', bump: 'major' },
    ],
  },
  {
    name: 'API version and server changed',
    head: [
      root((d) => ((d.info.version = '2021-01-01'), (d.servers[0].url = 'https://w.{regionId}.example.test'))),
      // The Version parameter takes the new version (its x-acr-value sends the API version).
      { file: 'components/parameters.yaml', change: (d) => (d.Version.schema.enum = ['2021-01-01']) },
    ],
    bump: 'major',
    want: [
      { operation: '(api)', kind: 'wire-changed', bump: 'major', detail: 'API version changed from 2020-01-01 to 2021-01-01' },
      { operation: '(api)', kind: 'wire-changed', bump: 'major', detail: 'server changed' },
    ],
  },
  {
    name: 'descriptions and examples only',
    head: [
      ops((d) => ((d.GetWidget.get.summary = 'Reads a widget.'), (param(d, 'GetWidget', 'WidgetId').example = 'w-9'))),
      schemas((d) => (d.Widget.properties.Weight.description = 'Weight in grams.')),
    ],
    bump: 'patch',
    want: [
      { operation: 'GetWidget', kind: 'docs-changed', bump: 'patch', detail: 'summary changed' },
      { operation: 'GetWidget', kind: 'example-changed', bump: 'patch', detail: 'parameter WidgetId: example changed' },
      { operation: '(schema Widget)', kind: 'docs-changed', bump: 'patch', detail: 'Widget.Weight: description changed' },
    ],
  },
  {
    name: 'response constraints (patch) and request format widened (minor)',
    head: [schemas((d) => (d.Widget.properties.WidgetId.minLength = 1)), ops((d) => (param(d, 'ListWidget', 'PageSize').schema.format = 'int64'))],
    bump: 'minor',
    want: [
      { operation: '(schema Widget)', kind: 'constraint-changed', bump: 'patch', detail: 'Widget.WidgetId: minLength' },
      { operation: 'ListWidget', kind: 'format-changed', bump: 'minor', detail: 'parameter PageSize: format changed from int32 to int64' },
    ],
  },
];

function diffOf(c: Case) {
  return diffModels(buildModel(specWith(...(c.base ?? []))), buildModel(specWith(...c.head)));
}

describe('acr-generate diff: fixture spec pairs', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const diff = diffOf(c);
      expect(diff.bump).toBe(c.bump);
      for (const want of c.want) {
        const { detail, ...rest } = want;
        expect(diff.changes).toContainEqual(expect.objectContaining({ ...rest, ...(detail ? { detail: expect.stringContaining(detail) } : {}) }));
      }
      if (c.want.length === 0) expect(diff.changes).toEqual([]);
    });
  }

  it('the cases cover every kind of change', () => {
    const seen = new Set(CASES.flatMap((c) => c.want.map((w) => w.kind)));
    expect(KINDS.filter((k) => !seen.has(k))).toEqual([]);
  });

  it('is deterministic and its order follows the new spec', () => {
    const c = CASES.find((x) => x.name === 'descriptions and examples only')!;
    expect(diffOf(c)).toEqual(diffOf(c));
    expect(diffOf(c).changes.map((x) => x.operation)).toEqual(['GetWidget', 'GetWidget', 'GetWidget', '(schema Widget)']);
  });
});

describe('acr-generate diff: the command', () => {
  const base = specWith();
  const head = specWith(ops((d) => d.GetWidget.get.parameters.push({ name: 'Verbose', in: 'query', required: false, description: 'V.', schema: { type: 'boolean' } })));

  it('prints JSON with the bump and every change', () => {
    const result = runDiff(['--base-spec', base, '--spec', head, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.output)).toEqual({
      bump: 'minor',
      changes: [{ operation: 'GetWidget', kind: 'parameter-added', detail: 'optional parameter Verbose added', bump: 'minor' }],
    });
  });

  it('prints Markdown grouped by operation', () => {
    const result = runDiff(['--base-spec', base, '--spec', head]);
    expect(result).toEqual({ code: 0, output: expect.stringContaining('Bump: **minor** (1 change).\n\n## GetWidget\n\n- **minor** parameter-added: optional parameter Verbose added') });
    expect(diffMarkdown({ bump: 'none', changes: [] }, 'T')).toBe('# T\n\nBump: **none** (no change to the API).');
  });

  it('exits 0 for a major bump too', () => {
    const removed = specWith(root((d) => delete d.paths['/#Action=GetWidget']));
    expect(runDiff(['--base-spec', base, '--spec', removed, '--json'])).toMatchObject({ code: 0, output: expect.stringContaining('"bump": "major"') });
  });

  it('exits 2 on bad arguments, naming the problem', () => {
    expect(runDiff([])).toMatchObject({ code: 2, output: expect.stringMatching(/^give exactly one of --base/) });
    expect(runDiff(['--base', 'main', '--base-spec', base])).toMatchObject({ code: 2 });
    expect(runDiff(['--base', 'main', '--jsno'])).toMatchObject({ code: 2, output: expect.stringMatching(/Unknown option '--jsno'/) });
    expect(runDiff(['--base', 'no-such-ref-anywhere'])).toEqual({ code: 2, output: "--base 'no-such-ref-anywhere' names no commit" });
    expect(runDiff(['--base', '--output=x'])).toMatchObject({ code: 2 });
  });

  it('exits 2 when a spec does not load, saying which side', () => {
    const broken = specWith(ops((d) => delete d.ListWidget.get.operationId));
    expect(runDiff(['--base-spec', base, '--spec', broken])).toEqual({
      code: 2,
      output: expect.stringMatching(/^the spec in the working tree does not load: .*\n.*paths\/widgets\.yaml#\/ListWidget\/get: an operation needs an operationId/),
    });
    expect(runDiff(['--base-spec', '/nonexistent/openapi.yaml', '--spec', base])).toMatchObject({ code: 2, output: expect.stringMatching(/^the spec at \/nonexistent\/openapi\.yaml does not load: .*does not exist/) });
  });
});

describe('acr-generate diff: the real spec against earlier commits', () => {
  // a1e1838 is the first commit of the curated spec; the chart chapter's own enum schemas were
  // later merged into the shared ones (RepoType, NamespaceStatus).
  it('against the first curated spec: the chart enums merged into shared ones are a major change', () => {
    const result = runDiff(['--base', 'a1e1838', '--json']);
    expect(result.code).toBe(0);
    const diff = JSON.parse(result.output);
    expect(diff.bump).toBe('major');
    expect(diff.changes).toContainEqual({ operation: '(schema ChartRepoType)', kind: 'schema-removed', detail: 'named type removed', bump: 'major' });
    expect(diff.changes).toContainEqual(
      expect.objectContaining({ operation: 'CreateChartRepository', kind: 'docs-changed', detail: 'parameter RepoType: now described by RepoType instead of ChartRepoType', bump: 'patch' }),
    );
  });

  it('reads the earlier spec from git without touching the working tree, and leaves no temporary folder', () => {
    const leftovers = () => readdirSync(tmpdir()).filter((n) => n.startsWith('acr-diff-base-')).length;
    const before = leftovers();
    const first = runDiff(['--base', '50dcbcd', '--json']);
    expect(first.code).toBe(0);
    expect(runDiff(['--base', '50dcbcd', '--json'])).toEqual(first);
    expect(leftovers()).toBe(before);
  });
});
