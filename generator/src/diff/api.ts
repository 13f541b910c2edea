// The whole diff: two models in, every change with its bump out, in a fixed order (API-wide
// changes, common parameters, operations in the order of the new spec with removed ones after
// them, then named schemas).
//
// API-wide: a changed API version, server URL, RPC wiring or signature scheme changes what goes on
// the wire for every call: major. Title, description and groups are documentation: patch.
// Common parameters are compared like an operation's (request direction). A named schema added is
// minor (a new exported type); one removed is major (an exported type is gone); a changed one is
// compared once, in the direction(s) its users read or send it (when both, the larger bump).
import type { ApiModel, NamedSchema, TypeModel } from '../model/index.js';
import { type Change, ChangeList, type Bump, maxBump, overallBump, sameValue } from './change.js';
import { compareOperation, compareParameters } from './operations.js';
import { type Direction, compareType } from './types.js';

export interface ApiDiff {
  readonly bump: Bump;
  readonly changes: readonly Change[];
}

export function diffModels(base: ApiModel, head: ApiModel): ApiDiff {
  const changes: Change[] = [...compareApi(base, head)];
  const common = new ChangeList('(common parameters)');
  compareParameters(base.commonParameters, head.commonParameters, { base, head, direction: 'request', changes: common });
  changes.push(...common.changes);
  const baseOps = new Map(base.operations.map((o) => [o.name, o]));
  const headNames = new Set(head.operations.map((o) => o.name));
  for (const operation of head.operations) {
    const before = baseOps.get(operation.name);
    if (before) changes.push(...compareOperation(before, operation, base, head).changes);
    else changes.push({ operation: operation.name, kind: 'operation-added', detail: 'operation added', bump: 'minor' });
  }
  for (const operation of base.operations.filter((o) => !headNames.has(o.name))) {
    changes.push({ operation: operation.name, kind: 'operation-removed', detail: 'operation removed', bump: 'major' });
  }
  changes.push(...compareSchemas(base, head));
  return { bump: overallBump(changes), changes };
}

function compareApi(base: ApiModel, head: ApiModel): Change[] {
  const changes = new ChangeList('(api)');
  if (base.apiVersion !== head.apiVersion) changes.add('wire-changed', 'major', `API version changed from ${base.apiVersion} to ${head.apiVersion}`);
  const { description: baseSigText, ...baseSig } = base.signature;
  const { description: headSigText, ...headSig } = head.signature;
  const serverWire = (m: ApiModel) => [m.server.urlTemplate, m.server.variables.map((v) => [v.name, v.default])];
  if (!sameValue(serverWire(base), serverWire(head))) changes.add('wire-changed', 'major', `server changed from ${base.server.urlTemplate} to ${head.server.urlTemplate}`);
  if (!sameValue(base.rpc, head.rpc)) changes.add('wire-changed', 'major', 'RPC wiring (x-acs-rpc) changed');
  if (!sameValue(baseSig, headSig)) changes.add('wire-changed', 'major', 'signature scheme changed');
  changes.text('server variables: descriptions', base.server.variables.map((v) => v.description).join('\n'), head.server.variables.map((v) => v.description).join('\n'));
  changes.text('signature description', baseSigText, headSigText);
  if (base.errorSchema !== head.errorSchema) changes.add('type-changed', 'major', `error body schema changed from ${base.errorSchema} to ${head.errorSchema}`);
  changes.text('title', base.title, head.title);
  changes.text('description', base.description, head.description);
  if (!sameValue(base.groups.map((g) => [g.name, g.description]), head.groups.map((g) => [g.name, g.description]))) {
    changes.add('docs-changed', 'patch', 'operation groups changed');
  }
  return changes.changes;
}

function compareSchemas(base: ApiModel, head: ApiModel): Change[] {
  const out: Change[] = [];
  const baseByName = new Map(base.schemas.map((s) => [s.name, s]));
  const headNames = new Set(head.schemas.map((s) => s.name));
  const users = usersOfSchemas([base, head]);
  for (const schema of head.schemas) {
    const operation = `(schema ${schema.name})`;
    const before = baseByName.get(schema.name);
    if (!before) {
      out.push({ operation, kind: 'schema-added', detail: 'named type added', bump: 'minor' });
      continue;
    }
    const use = users.get(schema.name);
    const directions: Direction[] = use && use.directions.size > 0 ? [...use.directions].sort() : ['response'];
    const suffix = use && use.operations.size > 0 ? ` (used by ${usedBy([...use.operations])})` : '';
    out.push(...compareInDirections(before, schema, directions, { base, head, operation, suffix }));
  }
  for (const schema of base.schemas.filter((s) => !headNames.has(s.name))) {
    out.push({ operation: `(schema ${schema.name})`, kind: 'schema-removed', detail: 'named type removed', bump: 'major' });
  }
  return out;
}

/** One named schema compared in each direction it is used; one change per detail, largest bump. */
function compareInDirections(
  before: NamedSchema,
  after: NamedSchema,
  directions: Direction[],
  at: { base: ApiModel; head: ApiModel; operation: string; suffix: string },
): Change[] {
  const merged = new Map<string, Change>();
  for (const direction of directions) {
    const changes = new ChangeList(at.operation);
    compareType(before.type, after.type, after.name, { base: at.base, head: at.head, direction, changes });
    for (const change of changes.changes) {
      const known = merged.get(change.detail);
      const bump = maxBump(known?.bump ?? 'patch', change.bump) as Change['bump'];
      merged.set(change.detail, { ...change, bump });
    }
  }
  return [...merged.values()].map((c) => ({ ...c, detail: `${c.detail}${at.suffix}` }));
}

/** The users of a shared schema, by name while a list of them stays readable. */
function usedBy(operations: string[]): string {
  return operations.length <= 5 ? operations.sort().join(', ') : `${operations.length} operations`;
}

interface SchemaUse {
  readonly directions: Set<Direction>;
  readonly operations: Set<string>;
}

/** For every named schema: the operations that reach it and whether they send or read it. */
function usersOfSchemas(models: ApiModel[]): Map<string, SchemaUse> {
  const uses = new Map<string, SchemaUse>();
  for (const model of models) {
    const named = new Map(model.schemas.map((s) => [s.name, s.type]));
    const visit = (type: TypeModel, direction: Direction, operation: string, seen: Set<string>) => {
      for (const name of refsIn(type)) {
        const use = uses.get(name) ?? { directions: new Set<Direction>(), operations: new Set<string>() };
        uses.set(name, use);
        use.directions.add(direction);
        use.operations.add(operation);
        const target = named.get(name);
        if (target && !seen.has(name)) visit(target, direction, operation, new Set([...seen, name]));
      }
    };
    for (const operation of model.operations) {
      for (const p of operation.parameters) visit(p.type, 'request', operation.name, new Set());
      visit(operation.response.type, 'response', operation.name, new Set());
      for (const e of operation.errors) visit(e.type, 'response', operation.name, new Set());
    }
    for (const p of model.commonParameters) visit(p.type, 'request', '(common parameters)', new Set());
  }
  return uses;
}

/** The named schemas a type refers to directly (its own references, its items', fields', bases). */
function refsIn(type: TypeModel): string[] {
  switch (type.kind) {
    case 'ref':
      return [type.name];
    case 'array':
      return refsIn(type.items);
    case 'object':
      return [...type.bases, ...type.properties.flatMap((p) => refsIn(p.type))];
    default:
      return [];
  }
}
