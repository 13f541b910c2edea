// Compares one operation's two versions: its parameters (what the user sends), its response (what
// the user reads), its traits and its texts.
//
// An operation removed is major and one added is minor; the model cannot tell a rename from a
// removal and an addition, so a rename shows as both (major). A parameter removed or a required
// one added is major (the method's argument type no longer accepts the old call); an optional one
// added is minor. Paging added gives the client a paginator (minor); paging removed or changed
// takes one away (major). A RAM rule changed is minor: the client's types and wire do not change,
// but a policy that granted the old action no longer grants the call (the mock server enforces
// policies); its `source` (documented/corrected/inferred) is bookkeeping: patch. Deprecation added
// is minor (new advice), removed is patch; summaries, descriptions, sources and examples are patch.
// A waiter added is minor (a new method), one removed major (its method is gone); one whose
// acceptors (field, values, error codes) changed is minor (same method, other outcomes), one whose
// description alone changed is patch.
import type { ApiModel, OperationModel, ParameterModel } from '../model/index.js';
import { ChangeList, sameValue } from './change.js';
import { type TypeContext, compareDefault, compareType } from './types.js';

export function compareOperation(before: OperationModel, after: OperationModel, base: ApiModel, head: ApiModel): ChangeList {
  const changes = new ChangeList(after.name);
  changes.text('summary', before.summary, after.summary);
  changes.text('description', before.description, after.description);
  changes.text('source section', before.source, after.source);
  changes.text('group', before.group, after.group);
  if (before.deprecated !== after.deprecated) {
    changes.add(after.deprecated ? 'operation-deprecated' : 'operation-undeprecated', after.deprecated ? 'minor' : 'patch', after.deprecated ? 'operation deprecated' : 'operation no longer deprecated');
  }
  if (before.ram.action !== after.ram.action || before.ram.resource !== after.ram.resource) {
    changes.add('ram-changed', 'minor', `RAM rule changed from ${before.ram.action} on ${before.ram.resource} to ${after.ram.action} on ${after.ram.resource}`);
  } else if (before.ram.source !== after.ram.source) {
    changes.add('docs-changed', 'patch', `RAM rule source changed from ${before.ram.source} to ${after.ram.source}`);
  }
  comparePagination(before, after, changes);
  compareWaiters(before, after, changes);
  compareParameters(before.parameters, after.parameters, { base, head, direction: 'request', changes });
  changes.example('request example', before.requestExample, after.requestExample);
  const response: TypeContext = { base, head, direction: 'response', changes };
  changes.text('response description', before.response.description, after.response.description);
  compareType(before.response.type, after.response.type, 'response', response);
  changes.example('response example', before.response.example, after.response.example);
  compareErrors(before, after, response);
  return changes;
}

/** Parameters by wire name, in the request direction. */
export function compareParameters(before: readonly ParameterModel[], after: readonly ParameterModel[], ctx: TypeContext): void {
  const { changes } = ctx;
  const afterByName = new Map(after.map((p) => [p.name, p]));
  const beforeNames = new Set(before.map((p) => p.name));
  for (const parameter of before) {
    const next = afterByName.get(parameter.name);
    const where = `parameter ${parameter.name}`;
    if (!next) {
      changes.add('parameter-removed', 'major', `${where} removed`);
      continue;
    }
    if (parameter.required !== next.required) {
      changes.add(next.required ? 'parameter-required' : 'parameter-optional', next.required ? 'major' : 'minor', `${where}: now ${next.required ? 'required' : 'optional'}`);
    }
    changes.text(`${where}: description`, parameter.description, next.description);
    changes.example(`${where}: example`, parameter.example, next.example);
    // The model keeps a parameter's default on the parameter, not on its type.
    compareDefault(parameter.default, next.default, where, changes);
    compareType(parameter.type, next.type, where, ctx);
  }
  for (const parameter of after.filter((p) => !beforeNames.has(p.name))) {
    changes.add('parameter-added', parameter.required ? 'major' : 'minor', `${parameter.required ? 'required' : 'optional'} parameter ${parameter.name} added`);
  }
}

function comparePagination(before: OperationModel, after: OperationModel, changes: ChangeList): void {
  // The items' type is compared with the response; here only what the paginator reads.
  const shape = (o: OperationModel) => o.pagination && { ...o.pagination, itemType: undefined };
  if (sameValue(shape(before), shape(after))) return;
  if (!before.pagination) changes.add('pagination-changed', 'minor', 'now pageable (a paginator is generated)');
  else if (!after.pagination) changes.add('pagination-changed', 'major', 'no longer pageable (its paginator is gone)');
  else changes.add('pagination-changed', 'major', `paging changed (items now in ${after.pagination.itemsField})`);
}

function compareWaiters(before: OperationModel, after: OperationModel, changes: ChangeList): void {
  const afterByName = new Map(after.waiters.map((w) => [w.name, w]));
  const beforeNames = new Set(before.waiters.map((w) => w.name));
  for (const waiter of before.waiters) {
    const next = afterByName.get(waiter.name);
    if (!next) changes.add('waiter-removed', 'major', `waiter ${waiter.name} removed (its method ${waiter.methodName} is gone)`);
    else if (!sameValue({ ...waiter, description: '' }, { ...next, description: '' })) changes.add('waiter-changed', 'minor', `waiter ${waiter.name}: what it reads or accepts changed`);
    else changes.text(`waiter ${waiter.name}: description`, waiter.description, next.description);
  }
  for (const waiter of after.waiters.filter((w) => !beforeNames.has(w.name))) {
    changes.add('waiter-added', 'minor', `waiter ${waiter.name} added (method ${waiter.methodName})`);
  }
}

/** Error answers surface as the client's error class: a new or removed status is documentation. */
function compareErrors(before: OperationModel, after: OperationModel, ctx: TypeContext): void {
  const afterByStatus = new Map(after.errors.map((e) => [e.status, e]));
  const beforeStatuses = new Set(before.errors.map((e) => e.status));
  for (const error of before.errors) {
    const next = afterByStatus.get(error.status);
    const where = `error ${error.status}`;
    if (!next) {
      ctx.changes.add('docs-changed', 'patch', `${where} no longer documented`);
      continue;
    }
    ctx.changes.text(`${where}: description`, error.description, next.description);
    ctx.changes.example(`${where}: example`, error.example, next.example);
    compareType(error.type, next.type, where, ctx);
  }
  for (const error of after.errors.filter((e) => !beforeStatuses.has(e.status))) {
    ctx.changes.add('docs-changed', 'patch', `error ${error.status} documented`);
  }
}
