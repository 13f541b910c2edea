// The names the service accepts. Namespace and repository names (image and chart) are one path
// component of a Docker reference: lower-case letters and digits, separated by single `.`, `_` or
// `-`; tags are Docker tags. Anything else is refused with InvalidParameter, which also keeps
// `/` out of the store's keys.
import { described, invalidParameter } from './errors.js';

const COMPONENT = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const MAX_NAME = 128;

export function checkName(param: string, value: string): string {
  if (value.length > MAX_NAME || !COMPONENT.test(value)) {
    throw invalidParameter(param, `it must be lower-case letters and digits separated by '.', '_' or '-' (at most ${MAX_NAME} characters); ${described(value)}`);
  }
  return value;
}

export function checkTag(param: string, value: string): string {
  if (!TAG.test(value)) throw invalidParameter(param, `it must be a Docker tag (letters, digits, '_', '.' or '-', at most 128, not starting with '.' or '-'); ${described(value)}`);
  return value;
}

/** A regular expression the caller sent (a tag filter); refused when it does not compile. */
export function checkRegExp(param: string, source: string): RegExp {
  try {
    return new RegExp(`^(?:${source})$`);
  } catch {
    throw invalidParameter(param, `it must be a valid regular expression; ${described(source)}`);
  }
}
