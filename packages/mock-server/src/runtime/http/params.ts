// Parameters from the wire: a query string or an application/x-www-form-urlencoded body into one
// map of decoded names and values. Choices (documented in the README):
// - `+` is a space (form encoding; RFC 3986 clients send `%2B` for a plus sign).
// - A parameter given twice (in the query, the body, or one in each) is rejected with 400
//   InvalidParameter naming it: the signature and the handler would disagree about which one counts.
// - A segment without `=` is a parameter with an empty value; a segment with an empty name is ignored.
// - Broken percent-encoding (`%zz`, a lone `%`) and percent-encoded bytes that are not UTF-8 are
//   400 InvalidParameter naming the parameter.
import { isAscii } from 'node:buffer';
import { api } from '../api.js';
import { duplicateParameter, malformedParameters } from './wire-errors.js';

/** Decoded parameters by wire name (a Map: `__proto__` or `constructor` are just names). */
export type WireParams = Map<string, string>;

export function emptyParams(): WireParams {
  return new Map();
}

const PLUS = /\+/g;

// The last value decoded: consecutive requests share their Timestamp (the same second).
let lastEncoded = '';
let lastDecoded = '';

function decode(text: string, where: string, name: string | undefined): string {
  if (text.indexOf('%') === -1 && text.indexOf('+') === -1) return text;
  if (text === lastEncoded) return lastDecoded;
  let decoded: string;
  try {
    decoded = decodeURIComponent(text.indexOf('+') === -1 ? text : text.replace(PLUS, ' '));
  } catch {
    throw malformedParameters(where, name);
  }
  if (name === api.commonNames.timestamp) {
    lastEncoded = text;
    lastDecoded = decoded;
  }
  return decoded;
}

/**
 * Adds the parameters of `text` (already checked to be well-formed Unicode) to `into`.
 * `where` names the source in error messages ("query string", "form body").
 *
 * With `exclude` (the signature parameter), it also returns `text` without that parameter's
 * segment when the other names came in strictly ascending order and none was percent-encoded: for
 * a client that sends the canonical query (chapter 3) plus the signature, that is the canonical
 * query, as sent. Otherwise undefined.
 */
export function parseParamsInto(into: WireParams, text: string, where: string, exclude?: string): string | undefined {
  const length = text.length;
  let start = 0;
  let previous = '';
  let ordered = exclude !== undefined;
  let excludedStart = -1;
  let excludedEnd = -1;
  while (start <= length) {
    let end = text.indexOf('&', start);
    if (end === -1) end = length;
    if (end > start) {
      const eq = text.indexOf('=', start);
      const hasValue = eq !== -1 && eq < end;
      const rawName = text.slice(start, hasValue ? eq : end);
      if (rawName !== '') {
        const name = decode(rawName, where, undefined);
        const value = hasValue ? decode(text.slice(eq + 1, end), where, name) : '';
        if (into.has(name)) throw duplicateParameter(name);
        into.set(name, value);
        if (ordered) {
          if (name === exclude) {
            excludedStart = start;
            excludedEnd = end;
          } else if (name > previous && name === rawName) previous = name;
          else ordered = false;
        }
      }
    }
    start = end + 1;
  }
  if (!ordered) return undefined;
  if (excludedStart === -1) return text;
  if (excludedEnd === length) return excludedStart === 0 ? '' : text.slice(0, excludedStart - 1);
  return text.slice(0, excludedStart) + text.slice(excludedEnd + 1);
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A request target or body as text. ASCII is the usual case (percent-encoded); raw bytes beyond
 * ASCII are accepted only when they are UTF-8.
 */
export function textOf(bytes: Buffer, where: string): string {
  if (isAscii(bytes)) return bytes.toString('latin1');
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw malformedParameters(where, undefined);
  }
}
