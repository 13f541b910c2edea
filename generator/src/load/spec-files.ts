// Reads the YAML files of a multi-file spec and follows `$ref`s between them, keeping track of
// where every node came from so that errors can name the file and JSON pointer.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { CORE_SCHEMA, load, type Type, types } from 'js-yaml';
import { SpecError, pointerSegment, pointerSegments } from './spec-error.js';

/**
 * YAML 1.2's core schema (no timestamps: `2018-12-01` stays a string) with merge keys, which the
 * path files use to share their common parameters. Duplicate keys are errors. js-yaml rather than
 * the yaml package: it reads the spec about five times faster, and parsing was a third of a
 * generator run (bench/generator).
 */
const SPEC_SCHEMA = CORE_SCHEMA.extend({ implicit: [types.merge] });

// js-yaml 4 exports its built-in types; @types/js-yaml does not declare them.
declare module 'js-yaml' {
  export const types: { readonly merge: Type };
}

/** A node of the spec and where it is. */
export interface Located {
  readonly value: unknown;
  readonly file: string;
  readonly pointer: string;
}

export class SpecFiles {
  readonly root: string;
  readonly dir: string;
  private readonly cache = new Map<string, unknown>();

  constructor(rootFile: string) {
    this.root = resolve(rootFile);
    this.dir = dirname(this.root);
  }

  /** `paths/11-repository.yaml#/ListRepository/get`, relative to the spec folder. */
  where(file: string, pointer: string): string {
    return `${relative(this.dir, file).split(sep).join('/')}#${pointer}`;
  }

  /** The parsed content of one file (YAML merge keys and anchors honoured). */
  read(file: string, from?: string): unknown {
    const cached = this.cache.get(file);
    if (cached !== undefined) return cached;
    if (!existsSync(file)) {
      throw new SpecError(from ?? this.where(file, ''), `file ${this.where(file, '').slice(0, -1)} does not exist`);
    }
    let value: unknown;
    try {
      value = load(readFileSync(file, 'utf8'), { schema: SPEC_SCHEMA, filename: file });
    } catch (error) {
      throw new SpecError(this.where(file, ''), `is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    }
    this.cache.set(file, value);
    return value;
  }

  rootNode(): Located {
    return { value: this.read(this.root), file: this.root, pointer: '' };
  }

  /** The node a child key of `node` holds. */
  child(node: Located, key: string | number): Located {
    const value = isRecord(node.value) || Array.isArray(node.value) ? (node.value as Record<string, unknown>)[key] : undefined;
    return { value, file: node.file, pointer: `${node.pointer}/${pointerSegment(key)}` };
  }

  /** Follows `$ref` (repeatedly) from a node; a node without `$ref` is returned as it is. */
  deref(node: Located): Located {
    let current = node;
    for (let hops = 0; isRecord(current.value) && typeof current.value.$ref === 'string'; hops++) {
      if (hops > 20) throw new SpecError(this.where(node.file, node.pointer), 'has a $ref cycle');
      current = this.target(current);
    }
    return current;
  }

  /** Where one `$ref` points (one hop), or a SpecError naming the reference. */
  target(node: Located): Located {
    const ref = (node.value as { $ref: string }).$ref;
    const at = this.where(node.file, `${node.pointer}/$ref`);
    const [path, pointer = ''] = ref.split('#');
    const file = path ? resolve(dirname(node.file), path) : node.file;
    let value = this.read(file, at);
    try {
      for (const segment of pointerSegments(pointer)) {
        if (!isRecord(value) && !Array.isArray(value)) throw new Error('missing');
        value = (value as Record<string, unknown>)[segment];
        if (value === undefined) throw new Error('missing');
      }
    } catch {
      throw new SpecError(at, `$ref '${ref}' points to nothing (${this.where(file, pointer)} does not exist)`);
    }
    return { value, file, pointer };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
