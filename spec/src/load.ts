// Loads the curated spec: the root document as written (for checks on the source form, such as
// "every path item lists the common parameters by $ref") and fully dereferenced (for checks on
// meaning, such as "every example validates against its schema").
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import $RefParser from '@apidevtools/json-schema-ref-parser';
import { parse } from 'yaml';
import type { OpenAPIV3 } from 'openapi-types';

export const SPEC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT_FILE = join(SPEC_DIR, 'openapi.yaml');

export type Document = OpenAPIV3.Document;

/** Reads one YAML file of the spec as plain data, without resolving references. */
export function readYaml<T = unknown>(file: string): T {
  return parse(readFileSync(file, 'utf8'), { merge: true }) as T;
}

/** The root document as written, with `$ref`s left in place. */
export function readRoot(): Document {
  return readYaml<Document>(ROOT_FILE);
}

/** The file and JSON pointer a path item's `$ref` names, relative to the spec folder. */
export function refTarget(ref: string): { file: string; pointer: string } {
  const [file, pointer = ''] = ref.split('#');
  return { file: join(SPEC_DIR, file), pointer };
}

export interface LoadOptions {
  /** Keep only the path items whose `$ref` passes (for checking part of a spec being written). */
  keepPath?: (ref: string) => boolean;
}

/** The whole spec with every `$ref` replaced by what it points to. */
export async function loadDereferenced(options: LoadOptions = {}): Promise<Document> {
  const root = readRoot();
  if (options.keepPath) {
    for (const [key, item] of Object.entries(root.paths)) {
      const ref = (item as { $ref?: string }).$ref;
      if (ref && !options.keepPath(ref)) delete root.paths[key];
    }
  }
  const parser = new $RefParser();
  return (await parser.dereference(ROOT_FILE, root, {
    dereference: { circular: false },
  })) as Document;
}
