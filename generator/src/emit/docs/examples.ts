// The code samples of an operation page, all derived from the model: the call with the generated
// client, the signed request as it goes on the wire (secrets as placeholders), and the example
// response as JSON and as the service's default XML.
import type { ApiModel, OperationModel } from '../../model/index.js';
import { cursorParameter, flattenProperties, resolveType } from '../../model/index.js';
import { literal } from '../shared/literal.js';
import { percentEncode } from '@acr-ee/wire';
import { requestParameters } from './signing.js';

/** The region a page's examples use: the operation's example RegionId, else the server's default. */
export function exampleRegion(model: ApiModel, op: OperationModel): string {
  const variable = model.server.variables.find((v) => v.name === 'regionId');
  const fromExample = op.parameters.find((p) => p.serverVariable === 'regionId');
  const value = fromExample ? op.requestExample[fromExample.name] : undefined;
  return typeof value === 'string' ? value : (variable?.default ?? '');
}

export function hostOf(model: ApiModel, region: string): string {
  return new URL(model.server.urlTemplate.replace('{regionId}', region)).host;
}

/** A complete TypeScript module calling the operation with the spec's example parameters. */
export function typescriptExample(model: ApiModel, op: OperationModel): string {
  const region = exampleRegion(model, op);
  const regionParameter = op.parameters.find((p) => p.serverVariable === 'regionId')?.name;
  // The iterator sets the page number (or token) itself.
  const skipped = new Set([regionParameter, op.pagination && cursorParameter(op.pagination)]);
  const request = Object.entries(op.requestExample).filter(([name]) => !skipped.has(name));
  const argument = request.length === 0 ? '{}' : `{\n${request.map(([name, value]) => `  ${name}: ${literal(value)},`).join('\n')}\n}`;
  const lines = [
    "import { AcrClient } from '@acr-ee/client';",
    '',
    '// No keys given: credentials come from the default chain (the ALIBABA_CLOUD_ACCESS_KEY_* variables,',
    "// an OIDC role, the aliyun CLI's profile, the ECS instance RAM role, ...; see the client's README);",
    `// ${regionParameter ?? 'the region'} is filled from the client's regionId.`,
    `const client = new AcrClient({ regionId: ${literal(region)} });`,
    '',
  ];
  if (op.pagination) {
    const item = resolveType(model, op.pagination.itemType);
    const field = item.kind === 'object' ? firstScalarField(model, item) : undefined;
    lines.push(
      `// Every item of every page (${cursorParameter(op.pagination)} is advanced for you).`,
      `for await (const item of client.${op.methodName}All(${argument})) {`,
      `  console.log(${field ? `item.${field}` : 'item'});`,
      '}',
    );
  } else {
    // The first field the operation adds to the envelope every response shares.
    const field = op.response.type.properties[0]?.name;
    lines.push(`const response = await client.${op.methodName}(${argument});`, `console.log(${field ? `response.${field}` : 'response.RequestId'});`);
  }
  return `${lines.join('\n')}\n`;
}

function firstScalarField(model: ApiModel, type: Parameters<typeof flattenProperties>[1]): string | undefined {
  return flattenProperties(model, type).find((p) => {
    const kind = resolveType(model, p.type).kind;
    return kind === 'string' || kind === 'integer' || kind === 'number' || kind === 'boolean';
  })?.name;
}

/** The signed GET request with the example parameters: request line and Host, secrets as `<placeholders>`. */
export function wireExample(model: ApiModel, op: OperationModel): string {
  const placeholders = { accessKeyId: '<AccessKeyId>', nonce: '<SignatureNonce>', timestamp: '<Timestamp>' };
  const encode = (value: string) => (value.startsWith('<') ? value : percentEncode(value));
  const pairs = Object.entries(requestParameters(model, op, placeholders)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  pairs.push([model.signature.parameterName, `<${model.signature.parameterName}>`]);
  const query = pairs.map(([name, value]) => `${name}=${encode(value)}`).join('&');
  return `GET ${model.rpc.path}?${query} HTTP/1.1\nHost: ${hostOf(model, exampleRegion(model, op))}\n`;
}

export function jsonExample(example: unknown): string {
  return `${JSON.stringify(example, null, 2)}\n`;
}

/** The example as the service's XML: root `<{Action}Response>`, arrays as one element per item. */
export function xmlExample(root: string, example: unknown): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const field = (name: string, value: unknown, indent: string): void => {
    if (value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) field(name, item, indent);
    } else if (value !== null && typeof value === 'object') {
      lines.push(`${indent}<${name}>`);
      for (const [key, inner] of Object.entries(value)) field(key, inner, `${indent}  `);
      lines.push(`${indent}</${name}>`);
    } else {
      lines.push(`${indent}<${name}>${escapeXml(value === null ? '' : String(value))}</${name}>`);
    }
  };
  field(root, example, '');
  return `${lines.join('\n')}\n`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
