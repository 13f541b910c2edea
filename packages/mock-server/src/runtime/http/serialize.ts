// Response bodies, JSON or XML, as the vendor writes them.
// Success: RequestId, IsSuccess: true, Code: "success", then the handler's fields (which cannot
// override those three). Error: RequestId, HostId, Code, Message, Recommend.
// XML: `<?xml version="1.0" encoding="UTF-8"?>`, root `<{Action}Response>` (success) or `<Error>`,
// objects as nested elements, arrays as one element per item named after the field
// (`<Repositories>..</Repositories><Repositories>..</Repositories>`), null as an empty element,
// text escaped, characters XML cannot carry replaced by U+FFFD, names that are not XML names
// made into ones (`_`).

export type Format = 'JSON' | 'XML';

export const CONTENT_TYPE: Readonly<Record<Format, string>> = {
  JSON: 'application/json;charset=utf-8',
  XML: 'text/xml;charset=utf-8',
};

const PROLOG = '<?xml version="1.0" encoding="UTF-8"?>';
const RESERVED = new Set(['RequestId', 'IsSuccess', 'Code']);

export interface ErrorBody {
  readonly RequestId: string;
  readonly HostId: string;
  readonly Code: string;
  readonly Message: string;
  readonly Recommend: string;
}

/** The success body as JSON: one stringify of the handler's result, the three fields put first. */
export function successJson(requestId: string, result: Record<string, unknown>): string {
  let own = result;
  if ('RequestId' in result || 'IsSuccess' in result || 'Code' in result) {
    own = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(result)) if (!RESERVED.has(key)) own[key] = result[key];
  }
  const rest = JSON.stringify(own);
  // RequestIds are upper-case hex and dashes: nothing to escape.
  const head = `{"RequestId":"${requestId}","IsSuccess":true,"Code":"success"`;
  return rest.length <= 2 ? `${head}}` : `${head},${rest.slice(1)}`;
}

export function successXml(action: string, requestId: string, result: Record<string, unknown>): string {
  const root = `${xmlName(action)}Response`;
  let body = `<RequestId>${xmlText(requestId)}</RequestId><IsSuccess>true</IsSuccess><Code>success</Code>`;
  for (const key of Object.keys(result)) if (!RESERVED.has(key)) body += xmlField(key, result[key]);
  return `${PROLOG}<${root}>${body}</${root}>`;
}

export function errorJson(error: ErrorBody): string {
  return JSON.stringify({ RequestId: error.RequestId, HostId: error.HostId, Code: error.Code, Message: error.Message, Recommend: error.Recommend });
}

export function errorXml(error: ErrorBody): string {
  return (
    `${PROLOG}<Error><RequestId>${xmlText(error.RequestId)}</RequestId><HostId>${xmlText(error.HostId)}</HostId>` +
    `<Code>${xmlText(error.Code)}</Code><Message>${xmlText(error.Message)}</Message>` +
    `<Recommend>${xmlText(error.Recommend)}</Recommend></Error>`
  );
}

/** One field: an element, or one element per item for an array; nothing for undefined. */
export function xmlField(name: string, value: unknown): string {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return '';
  if (Array.isArray(value)) {
    let out = '';
    for (const item of value) out += Array.isArray(item) ? xmlElement(name, xmlField(name, item)) : xmlField(name, item);
    return out;
  }
  if (value === null) return `<${xmlName(name)}></${xmlName(name)}>`;
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    let inner = '';
    for (const key of Object.keys(object)) inner += xmlField(key, object[key]);
    return xmlElement(name, inner);
  }
  return xmlElement(name, xmlText(String(value)));
}

function xmlElement(name: string, inner: string): string {
  const tag = xmlName(name);
  return `<${tag}>${inner}</${tag}>`;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const names = new Map<string, string>();
const MAX_CACHED_NAMES = 4096;

/** An XML element name for a field name: unchanged when it is one, else with `_` for what is not. */
export function xmlName(name: string): string {
  if (NAME.test(name)) return name;
  let fixed = names.get(name);
  if (fixed === undefined) {
    fixed = name.replace(/[^A-Za-z0-9_.-]/g, '_');
    if (!/^[A-Za-z_]/.test(fixed)) fixed = `_${fixed}`;
    if (names.size < MAX_CACHED_NAMES) names.set(name, fixed);
  }
  return fixed;
}

const SPECIAL = /[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Text content: `&`, `<`, `>` escaped; control characters, lone surrogates, U+FFFE/U+FFFF replaced. */
export function xmlText(text: string): string {
  if (!SPECIAL.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = text.charCodeAt(i);
    if (ch in ESCAPES) out += ESCAPES[ch];
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      out += text.slice(i, i + 2);
      i++;
    } else if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff) {
      out += '\ufffd';
    } else out += ch;
  }
  return out;
}
