// RAM authorization: an optional policy document in the shape of a RAM policy, and per request the
// resource ARN from the operation's chapter 5 template.
//
//   { "Version": "1", "Statement": [ { "Effect": "Allow" | "Deny",
//       "Action": "cr:Get*" | ["cr:Get*", ...], "Resource": "acs:cr:*:*:repository/cri-1/*" | [...] } ] }
//
// `*` matches any run of characters (`/` and `:` included), `?` one character (wildcard.ts: linear
// time, no backtracking). Actions match without regard to case (as RAM does), resources with. An
// explicit Deny wins; otherwise a request needs an Allow; without a policy every request is allowed.
import type { OperationSpec } from '../operation.js';
import type { ParamValue } from '@acr-ee/wire';
import { Wildcard } from './wildcard.js';
import { invalidParameter } from '../http/wire-errors.js';

export interface PolicyStatement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
}

export interface RamPolicy {
  readonly Version?: string;
  readonly Statement: readonly PolicyStatement[];
}

export class PolicyError extends Error {
  override name = 'PolicyError';
}

interface CompiledStatement {
  readonly allow: boolean;
  readonly actions: readonly Wildcard[];
  readonly resources: readonly Wildcard[];
}

const anyMatches = (patterns: readonly Wildcard[], text: string): boolean => patterns.some((p) => p.matches(text));

function stringList(value: unknown, where: string): readonly string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === 'string' && item !== '')) {
    throw new PolicyError(`${where} must be a non-empty string or a non-empty array of non-empty strings`);
  }
  return list as string[];
}

function compileStatement(value: unknown, where: string): CompiledStatement {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new PolicyError(`${where} must be an object`);
  const statement = value as Record<string, unknown>;
  for (const key of Object.keys(statement)) {
    if (key !== 'Effect' && key !== 'Action' && key !== 'Resource') {
      throw new PolicyError(`${where}.${key} is not supported (a statement has Effect, Action and Resource)`);
    }
  }
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') throw new PolicyError(`${where}.Effect must be "Allow" or "Deny"`);
  return {
    allow: statement.Effect === 'Allow',
    actions: stringList(statement.Action, `${where}.Action`).map((p) => new Wildcard(p, { ignoreCase: true })),
    resources: stringList(statement.Resource, `${where}.Resource`).map((p) => new Wildcard(p)),
  };
}

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly why: string };

const ALLOWED: Decision = { allowed: true };
const NO_ALLOW: Decision = { allowed: false, why: 'no statement of the policy allows it' };
const DENIED: Decision = { allowed: false, why: 'explicitly denied by the policy' };

export class CompiledPolicy {
  readonly document: RamPolicy;
  readonly #statements: readonly CompiledStatement[];
  /** Per RAM action, the statements that name it. */
  readonly #byAction = new Map<string, readonly CompiledStatement[]>();

  constructor(document: unknown) {
    if (document === null || typeof document !== 'object' || Array.isArray(document)) throw new PolicyError('the policy must be a JSON object');
    const doc = document as Record<string, unknown>;
    for (const key of Object.keys(doc)) {
      if (key !== 'Version' && key !== 'Statement') throw new PolicyError(`${key} is not supported (a policy has Version and Statement)`);
    }
    if (doc.Version !== undefined && typeof doc.Version !== 'string') throw new PolicyError('Version must be a string');
    if (!Array.isArray(doc.Statement)) throw new PolicyError('Statement must be an array');
    this.#statements = doc.Statement.map((s, i) => compileStatement(s, `Statement[${i}]`));
    this.document = structuredClone(doc) as unknown as RamPolicy;
  }

  authorize(action: string, resource: string): Decision {
    let statements = this.#byAction.get(action);
    if (statements === undefined) {
      statements = this.#statements.filter((s) => anyMatches(s.actions, action));
      this.#byAction.set(action, statements);
    }
    let allowed = false;
    for (const s of statements) {
      if (!anyMatches(s.resources, resource)) continue;
      if (!s.allow) return DENIED;
      allowed = true;
    }
    return allowed ? ALLOWED : NO_ALLOW;
  }
}

/**
 * The decision of a request that must pass every policy (an API call's, a registry token's scope):
 * the first refusal, else allowed. Undefined policies: none applies, everything is allowed.
 */
export function authorizeAll(policies: readonly CompiledPolicy[] | undefined, action: string, resource: string): Decision {
  for (const policy of policies ?? []) {
    const decision = policy.authorize(action, resource);
    if (!decision.allowed) return decision;
  }
  return ALLOWED;
}

/** A literal piece, the account id, or a parameter (none when no parameter matches the placeholder). */
type ArnPart = string | { readonly account: true } | { readonly account: false; readonly placeholder: string; readonly param: string | undefined };

// `$repositoryname` and `$chartrepositoryname` name RepoName; `$namespacename` NamespaceName or
// RepoNamespaceName: compare lower-cased names with `repository` shortened to `repo` and the
// chapter's `chart` prefix dropped, and let a `Repo` prefix on the parameter match too.
const normalized = (name: string): string => name.toLowerCase().replace(/^chart/, '').replace('repository', 'repo');

function placeholderParam(placeholder: string, params: readonly string[]): string | undefined {
  const want = normalized(placeholder);
  return params.find((p) => normalized(p) === want) ?? params.find((p) => normalized(p) === `repo${want}`);
}

// A placeholder's value is one segment of the resource, no longer than a name: it cannot shape the
// rest of the resource (`:` and `/` separate segments, `*` and `?` are the patterns' wildcards).
const SEGMENT_MAX = 128;
const SEGMENT = new RegExp(`^[A-Za-z0-9._-]{1,${SEGMENT_MAX}}$`);
const SEGMENT_RULE = `1 to ${SEGMENT_MAX} letters, digits, '.', '_' or '-'`;

/** What is wrong with a value that is not a segment, without repeating it. */
const unfit = (text: string): string => (text.length > SEGMENT_MAX ? `it has ${text.length} characters` : 'it has another character');

/**
 * The resource ARN of one operation's requests: `$accountid` is the server's account, every other
 * placeholder the value of the matching parameter, or `*` when the request does not carry it (or no
 * parameter matches it). A value that cannot be a segment is refused (400 naming the parameter),
 * so it never reaches a pattern.
 */
export class ArnTemplate {
  readonly #parts: readonly ArnPart[];

  constructor(op: OperationSpec) {
    const names = op.params.map((p) => p.name);
    this.#parts = op.ram.resource.split(/(\$[a-z]+)/).map((piece): ArnPart => {
      if (!piece.startsWith('$')) return piece;
      const placeholder = piece.slice(1);
      return placeholder === 'accountid' ? { account: true } : { account: false, placeholder, param: placeholderParam(placeholder, names) };
    });
  }

  /** Each placeholder of the template and the parameter it takes its value from (none: always `*`). */
  bindings(): Record<string, string | undefined> {
    const out: Record<string, string | undefined> = {};
    for (const part of this.#parts) if (typeof part !== 'string' && !part.account) out[part.placeholder] = part.param;
    return out;
  }

  resource(params: Readonly<Record<string, ParamValue | object | undefined>>, accountId: string): string {
    let out = '';
    for (const part of this.#parts) {
      if (typeof part === 'string') out += part;
      else if (part.account) out += accountId;
      else {
        const value = part.param === undefined ? undefined : params[part.param];
        if (value === undefined || value === '' || typeof value === 'object') out += '*';
        else {
          const text = String(value);
          if (!SEGMENT.test(text)) throw invalidParameter(part.param as string, `it cannot name a resource: it must be ${SEGMENT_RULE} (${unfit(text)})`);
          out += text;
        }
      }
    }
    return out;
  }
}
