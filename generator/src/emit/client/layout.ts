// How the client's generated code is split, so that a reviewer reads one chapter at a time and a
// change to one chapter of the spec changes that chapter's files: per group (chapter), a file of
// request and response types and a file of methods; per schema file of the spec, a file of the
// shared types it defines. This module names those files and the imports between them.
import type { ImportDeclaration } from '../shared/ts-file.js';
import type { ApiModel, GroupModel, NamedSchema, OperationModel } from '../../model/index.js';
import { pascalCase, slug } from '../shared/names.js';

export interface Chapter {
  readonly group: GroupModel;
  readonly operations: readonly OperationModel[];
  /** `types/image-repository-management.ts` */
  readonly typesFile: string;
  /** `chapters/image-repository-management.ts` */
  readonly methodsFile: string;
  /** The interface of its methods, which AcrClient has (`ImageRepositoryManagementOperations`). */
  readonly interfaceName: string;
  /** The function giving a client class those methods (`withImageRepositoryManagementOperations`). */
  readonly mixinName: string;
  /** The class that function makes (`ImageRepositoryManagementMethods`). */
  readonly className: string;
}

/** The chapters with operations, in the spec's tag order. */
export function chaptersOf(model: ApiModel): Chapter[] {
  return model.groups
    .filter((group) => group.operations.length > 0)
    .map((group) => {
      const name = pascalCase(group.name);
      return {
        group,
        operations: group.operations.map((action) => model.operations.find((op) => op.name === action)!),
        typesFile: `types/${slug(group.name)}.ts`,
        methodsFile: `chapters/${slug(group.name)}.ts`,
        interfaceName: `${name}Operations`,
        mixinName: `with${name}Operations`,
        className: `${name}Methods`,
      };
    });
}

/** `components/schemas/11-repository.yaml#/Repository` -> `schemas/11-repository.ts`. */
export function schemaFile(schema: NamedSchema): string {
  const specFile = schema.location.split('#')[0];
  const stem = specFile.slice(specFile.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '');
  return `schemas/${slug(stem)}.ts`;
}

/** The shared schemas, by the file that declares them, files in order of first appearance. */
export function schemaFiles(model: ApiModel): Map<string, NamedSchema[]> {
  const files = new Map<string, NamedSchema[]>();
  for (const schema of model.schemas) {
    const path = schemaFile(schema);
    files.set(path, [...(files.get(path) ?? []), schema]);
  }
  return files;
}

/** Type-only imports of the named schemas `names` into the file at `from`, one per schema file, sorted. */
export function schemaImports(model: ApiModel, names: ReadonlySet<string>, from: string): ImportDeclaration[] {
  const byFile = new Map<string, string[]>();
  for (const schema of model.schemas) {
    const path = schemaFile(schema);
    if (!names.has(schema.name) || path === from) continue;
    byFile.set(path, [...(byFile.get(path) ?? []), schema.name]);
  }
  return [...byFile.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, imported]) => ({ moduleSpecifier: relativeModule(from, path), namedImports: imported.sort(), isTypeOnly: true }));
}

/** The module specifier of `to` as imported from `from` (both relative to the generated folder). */
export function relativeModule(from: string, to: string): string {
  const up = from.split('/').length - 1;
  return `${up === 0 ? './' : '../'.repeat(up)}${to.replace(/\.ts$/, '.js')}`;
}
