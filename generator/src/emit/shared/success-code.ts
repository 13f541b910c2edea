// The success `Code` of an operation whose spec types it as a number: the envelope's example (0
// when the spec gives none). Every other operation answers the string `success`.
import type { ApiModel, OperationModel } from '../../model/index.js';

export function numericSuccessCode(model: ApiModel, op: OperationModel): number | undefined {
  for (const base of op.response.type.bases) {
    const schema = model.schemas.find((s) => s.name === base)?.type;
    const code = schema?.kind === 'object' ? schema.properties.find((p) => p.name === 'Code') : undefined;
    if (code && code.type.kind === 'integer') return typeof code.type.example === 'number' ? code.type.example : 0;
  }
  return undefined;
}
