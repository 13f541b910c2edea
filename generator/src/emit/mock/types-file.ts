// Emits the mock server's src/generated/types.ts: what a handler reads and what it answers, per
// operation. `OperationParams` holds the parameters as the server hands them over (validated and
// coerced to their kind; the server-filled ones, RegionId and those with a default, always present); `OperationResults` the
// fields of the 200 response other than the envelope the server adds itself (RequestId, IsSuccess,
// Code). Both are read-only: a handler does not change its request, and only the serialiser reads
// its answer. The shared schemas they name are emitted read-only beside them.
import type { CodeBlockWriter, TsFile } from '../shared/ts-file.js';
import type { ApiModel, ObjectType, OperationModel, ParameterModel, PropertyModel } from '../../model/index.js';
import { docText } from '../client/docs.js';
import { READ_ONLY, typeText, writeProperty, type TypeText } from '../client/type-text.js';

export function emitMockTypes(model: ApiModel, file: TsFile): void {
  for (const schema of model.schemas) {
    const docs = docText(schema.type);
    file.addTypeAlias({ name: schema.name, isExported: true, docs: docs ? [docs] : [], type: typeText(schema.type, READ_ONLY) });
  }
  file.addInterface({
    name: 'OperationParams',
    isExported: true,
    docs: ["Every operation's parameters as its handler reads them: validated against the spec and coerced to their kind."],
    properties: model.operations.map((op) => ({ name: op.name, isReadonly: true, type: (w: CodeBlockWriter) => writeParams(w, op) })),
  });
  const envelope = successEnvelope(model);
  file.addInterface({
    name: 'OperationResults',
    isExported: true,
    docs: [`Every operation's answer as its handler returns it: the 200 response without ${envelope.fields.join(', ') || 'an envelope'}, which the server adds.`],
    properties: model.operations.map((op) => ({ name: op.name, isReadonly: true, type: resultText(op, envelope.bases) })),
  });
}

/**
 * The named bases of 200 responses that are success envelopes (objects whose RequestId is
 * required: SuccessEnvelope, and NumericCodeEnvelope where Code is a number), and their fields:
 * what the server adds.
 */
export function successEnvelope(model: ApiModel): { readonly bases: readonly string[]; readonly fields: readonly string[] } {
  const used = [...new Set(model.operations.flatMap((op) => op.response.type.bases))];
  const bases = used.filter((base) => {
    const schema = model.schemas.find((s) => s.name === base)?.type;
    return schema?.kind === 'object' && schema.properties.some((p) => p.name === 'RequestId' && p.required);
  });
  const fields = [...new Set(bases.flatMap((base) => {
    const schema = model.schemas.find((s) => s.name === base)?.type;
    return schema?.kind === 'object' ? schema.properties.map((p) => p.name) : [];
  }))];
  return { bases, fields };
}

function resultText(op: OperationModel, envelope: readonly string[]): TypeText {
  const type: ObjectType = { ...op.response.type, bases: op.response.type.bases.filter((base) => !envelope.includes(base)) };
  return typeText(type, READ_ONLY);
}

function writeParams(w: CodeBlockWriter, op: OperationModel): void {
  if (op.parameters.length === 0) {
    w.write('Record<string, never>');
    return;
  }
  w.write('{').newLine();
  w.indent(() => op.parameters.forEach((p) => writeProperty(w, paramProperty(p), READ_ONLY)));
  w.write('}');
}

/**
 * A parameter as a property. One the server fills when the request has none is always present:
 * RegionId (from the host), and a parameter with a default (the server puts the default in).
 */
function paramProperty(p: ParameterModel): PropertyModel {
  const filled = p.serverVariable !== undefined || p.default !== undefined;
  return { name: p.name, required: p.required || filled, type: { ...p.type, description: p.description || p.type.description, default: p.default } };
}
