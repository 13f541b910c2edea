// TSDoc text from the model's descriptions: what a field means, its wire facts (int64 precision,
// default, example) and deprecation.
import type { TypeModel } from '../../model/index.js';

export function docText(type: TypeModel, extra: readonly string[] = []): string {
  const lines: string[] = [];
  if (type.description) lines.push(safe(type.description.trim()));
  if (type.kind === 'integer' && type.format === 'int64') {
    lines.push('int64 on the wire: values above `Number.MAX_SAFE_INTEGER` (2^53 - 1) lose precision as JavaScript numbers.');
  }
  lines.push(...extra);
  if (type.default !== undefined) lines.push(`@defaultValue \`${JSON.stringify(type.default)}\``);
  if (type.example !== undefined && typeof type.example !== 'object') lines.push(`@example ${safe(JSON.stringify(type.example))}`);
  if (type.deprecated) lines.push('@deprecated');
  return lines.join('\n');
}

/** Text that cannot close a comment. */
export function safe(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}
