// The API model the generator builds from the spec: what the docs must cover.
import { ROOT_FILE } from '@acr-ee/spec';
import { buildModel, resolveType, type ApiModel, type OperationModel, type TypeModel } from '@acr-ee/generator';

export const model: ApiModel = buildModel(ROOT_FILE);
export const operations: readonly OperationModel[] = model.operations;

export function operation(name: string): OperationModel {
  const found = operations.find((op) => op.name === name);
  if (!found) throw new Error(`the model has no operation ${name}`);
  return found;
}

/** Every response field name of an operation, nested ones included (through refs, arrays and bases). */
export function responseFieldNames(op: OperationModel): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (type: TypeModel): void => {
    if (type.kind === 'ref') {
      if (seen.has(type.name)) return;
      seen.add(type.name);
      visit(resolveType(model, type));
    } else if (type.kind === 'array') visit(type.items);
    else if (type.kind === 'object') {
      for (const base of type.bases) visit({ kind: 'ref', name: base });
      for (const property of type.properties) {
        names.add(property.name);
        visit(property.type);
      }
    }
  };
  visit(op.response.type);
  return names;
}

/** The words of a text, lower-cased (letters only). */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+/g) ?? [];
}
