// The data every docs template reads, built once from the model: the HTML pages and the Markdown
// pages render the same view, so both always say the same thing.
import type { ApiModel, OperationModel } from '../../model/index.js';
import { resolveType } from '../../model/index.js';
import { hostOf, jsonExample, typescriptExample, wireExample, xmlExample } from './examples.js';
import { workedExample, type WorkedExample } from './signing.js';
import { blockHtml, inlineHtml, plainText } from './text.js';
import { slug } from '../shared/names.js';
import { fieldRows, parameterRow, type FieldRow, type ParameterRow } from './types.js';

export interface OperationLink {
  readonly name: string;
  readonly url: string;
  readonly summary: string;
  readonly readOnly: boolean;
}

export interface GroupView {
  readonly name: string;
  readonly slug: string;
  readonly url: string;
  readonly description: string;
  readonly descriptionHtml: string;
  readonly operations: readonly OperationLink[];
}

export interface OperationView {
  readonly name: string;
  readonly url: string;
  readonly methodName: string;
  readonly group: GroupView;
  readonly summary: string;
  readonly summaryHtml: string;
  readonly description: string;
  readonly descriptionMarkdown: string;
  readonly descriptionHtml: string;
  /** Where the operation is described: a section of the vendor's API reference, or its API metadata. */
  readonly source: string;
  readonly readOnly: boolean;
  readonly deprecated: boolean;
  readonly ram: OperationModel['ram'];
  readonly parameters: readonly ParameterRow[];
  readonly fields: readonly FieldRow[];
  readonly responseDescription: string;
  readonly pagination: (NonNullable<OperationModel['pagination']> & { iteratorMethod: string }) | undefined;
  /** The waiters that poll this operation (see WaiterView). */
  readonly waiters: readonly WaiterView[];
  readonly errors: readonly { status: string; description: string }[];
  readonly examples: { readonly typescript: string; readonly wire: string; readonly json: string; readonly xml: string };
  readonly related: readonly OperationLink[];
}

/** A waiter as a page shows it: its method, what it waits for, what it reads and which values end it. */
export interface WaiterView {
  readonly name: string;
  readonly methodName: string;
  readonly description: string;
  /** `InstanceStatus` (dotted for a nested field), or empty for a waiter that waits for an error. */
  readonly field: string;
  readonly success: readonly string[];
  readonly failure: readonly string[];
  readonly retry: readonly string[];
  readonly successErrors: readonly string[];
  readonly ignoreCase: boolean;
}

export interface SiteView {
  readonly title: string;
  readonly apiVersion: string;
  readonly descriptionHtml: string;
  readonly summary: string;
  readonly endpoint: { readonly template: string; readonly example: string; readonly variables: ApiModel['server']['variables'] };
  readonly rpc: ApiModel['rpc'];
  readonly groups: readonly GroupView[];
  readonly operations: readonly OperationView[];
  readonly commonParameters: readonly ParameterRow[];
  readonly signature: ApiModel['signature'] & { readonly descriptionHtml: string; readonly example: WorkedExample };

  readonly error: { readonly schema: string; readonly fields: readonly FieldRow[]; readonly statuses: readonly { status: string; description: string }[]; readonly json: string; readonly xml: string };
  readonly ram: readonly { name: string; url: string; action: string; resource: string; source: string }[];
  readonly counts: { readonly operations: number; readonly groups: number };
  readonly referencePages: readonly ReferencePage[];
  /** The home page's sample: the first operation's example. */
  readonly quickStart: string;
}

/** The pages about the API as a whole, in navigation order: their URL, title, template and search text. */
export interface ReferencePage {
  readonly url: string;
  readonly title: string;
  readonly template: string;
  readonly searchText: string;
}

export const operationUrl = (name: string) => `operations/${name}.html`;
const groupUrl = (name: string) => `groups/${slug(name)}.html`;

function link(op: OperationModel): OperationLink {
  return { name: op.name, url: operationUrl(op.name), summary: op.summary, readOnly: op.readOnly };
}

export function buildSiteView(model: ApiModel): SiteView {
  const byName = new Map(model.operations.map((op) => [op.name, op]));
  const groups: GroupView[] = model.groups.map((group) => ({
    name: group.name,
    slug: slug(group.name),
    url: groupUrl(group.name),
    description: plainText(group.description),
    descriptionHtml: blockHtml(group.description),
    operations: group.operations.map((name) => link(byName.get(name)!)),
  }));
  const groupOf = new Map(groups.flatMap((g) => g.operations.map((o) => [o.name, g] as const)));
  const operations = model.operations.map((op) => operationView(model, op, groupOf.get(op.name)!));

  const errorType = resolveType(model, { kind: 'ref', name: model.errorSchema });
  const errorResponses = model.operations[0]?.errors ?? [];
  const errorExample = errorResponses[0]?.example;
  const region = model.server.variables.find((v) => v.name === 'regionId')?.default ?? '';
  const commonParameters = model.commonParameters.map((p) => parameterRow(model, p));
  const errorFields = errorType.kind === 'object' ? fieldRows(model, errorType) : [];
  const referencePages: ReferencePage[] = [
    { url: 'index.html', title: 'Overview', template: 'home', searchText: plainText(model.description) },
    { url: 'common-parameters.html', title: 'Common parameters', template: 'common-parameters', searchText: commonParameters.map((p) => `${p.name} ${p.description}`).join(' ') },
    { url: 'signature.html', title: 'Signature', template: 'signature', searchText: `${model.signature.method} ${model.signature.parameters.join(' ')} ${plainText(model.signature.description)}` },
    { url: 'errors.html', title: 'Errors', template: 'errors', searchText: errorFields.map((f) => `${f.name} ${f.description}`).join(' ') },
    { url: 'ram.html', title: 'RAM permissions', template: 'ram', searchText: 'RAM policy action resource ARN permissions' },
  ];
  return {
    title: model.title,
    apiVersion: model.apiVersion,
    descriptionHtml: blockHtml(model.description, 1),
    summary: plainText(model.description.split('\n\n')[0] ?? ''),
    endpoint: { template: model.server.urlTemplate, example: `https://${hostOf(model, region)}`, variables: model.server.variables },
    rpc: model.rpc,
    groups,
    operations,
    commonParameters,
    signature: { ...model.signature, descriptionHtml: blockHtml(model.signature.description), example: workedExample(model, model.operations[0]!) },
    error: {
      schema: model.errorSchema,
      fields: errorFields,
      statuses: errorResponses.map((e) => ({ status: e.status, description: e.description })),
      json: errorExample === undefined ? '' : jsonExample(errorExample),
      xml: errorExample === undefined ? '' : xmlExample('Error', errorExample),
    },
    ram: model.operations.map((op) => ({ name: op.name, url: operationUrl(op.name), action: op.ram.action, resource: op.ram.resource, source: op.ram.source })),
    counts: { operations: model.operations.length, groups: model.groups.length },
    referencePages,
    quickStart: operations[0]?.examples.typescript ?? '',
  };
}

function operationView(model: ApiModel, op: OperationModel, group: GroupView): OperationView {
  return {
    name: op.name,
    url: operationUrl(op.name),
    methodName: op.methodName,
    group,
    summary: op.summary,
    summaryHtml: inlineHtml(op.summary),
    description: plainText(op.description),
    descriptionMarkdown: op.description,
    descriptionHtml: blockHtml(op.description),
    source: sourceText(op.source),
    readOnly: op.readOnly,
    deprecated: op.deprecated,
    ram: op.ram,
    parameters: op.parameters.map((p) => parameterRow(model, p)),
    fields: fieldRows(model, op.response.type),
    responseDescription: op.response.description,
    pagination: op.pagination ? { ...op.pagination, iteratorMethod: `${op.methodName}All` } : undefined,
    waiters: op.waiters.map((w) => ({ ...w, field: w.field?.join('.') ?? '' })),
    errors: op.errors.map((e) => ({ status: e.status, description: e.description })),
    examples: {
      typescript: typescriptExample(model, op),
      wire: wireExample(model, op),
      json: jsonExample(op.response.example),
      xml: xmlExample(`${op.name}Response`, op.response.example),
    },
    related: group.operations.filter((o) => o.name !== op.name),
  };
}

/** The search data the site's script reads (assets/search-index.js). */
export function searchIndex(view: SiteView): string {
  const data = {
    operations: view.operations.map((op) => ({
      name: op.name,
      url: op.url,
      group: op.group.name,
      summary: op.summary,
      description: op.description,
      parameters: op.parameters.map((p) => p.name),
      fields: [...new Set(op.fields.map((f) => f.name))],
    })),
    pages: [
      ...view.referencePages.map((p) => ({ title: p.title, url: p.url, text: p.searchText })),
      ...view.groups.map((g) => ({ title: g.name, url: g.url, text: g.description })),
    ],
  };
  return `// Generated by @acr-ee/generator (docs emitter) from spec/openapi.yaml: the search data of the site.\nwindow.ACR_DOCS_INDEX = ${JSON.stringify(data)};\n`;
}


/** `§7.1` -> "§7.1 of the vendor's API reference"; `metadata 2024-06` -> "the vendor's API metadata (2024-06)". */
function sourceText(source: string): string {
  const metadata = /^metadata (.+)$/.exec(source);
  return metadata ? `the vendor's API metadata (${metadata[1]})` : `${source} of the vendor's API reference`;
}
