// The malformed requests of the robustness test, generated from a seeded PRNG: the same seed gives
// the same requests, so a failure reproduces with FUZZ_SEED=<seed>. Each category is one generator
// of raw bytes; none of them may produce a request the server should accept (a 2xx).
import type { RawRequest } from './raw-http.js';
import { canonicalQuery, rfc3986, sign, unsignedParams, type Credentials } from './signed.js';

/** mulberry32: small, fast, good enough to pick cases. */
export function prng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    bytes: (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(next() * 256))),
    chance: (p) => next() < p,
  };
  return rng;
}

export interface Rng {
  next(): number;
  /** An integer from min to max, both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  bytes(n: number): Buffer;
  chance(p: number): boolean;
}

export interface Target {
  readonly credentials: Credentials;
  readonly instanceId: string;
  readonly regionId: string;
  /** A unique nonce per call (the cases of one run never share one). */
  readonly nonce: () => string;
}

export interface FuzzCase {
  readonly category: string;
  /** What this case does, for the failure message. */
  readonly note: string;
  readonly request: RawRequest;
}

const CRLF = '\r\n';

/** Bytes of a request: request line, headers, blank line, body. */
export function http(method: string, target: string | Buffer, headers: readonly string[], body: Buffer | string = ''): Buffer {
  const bodyBytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([
    Buffer.from(`${method} `, 'latin1'),
    typeof target === 'string' ? Buffer.from(target, 'latin1') : target,
    Buffer.from(` HTTP/1.1${CRLF}${headers.map((h) => h + CRLF).join('')}${CRLF}`, 'latin1'),
    bodyBytes,
  ]);
}

const HOST = 'Host: 127.0.0.1';
const CLOSE = 'Connection: close';
const FORM = 'Content-Type: application/x-www-form-urlencoded';

const once = (bytes: Buffer, head = false): RawRequest => ({ chunks: [bytes], then: 'end', head });

/** A signed GetInstance's parameters (valid as they are). */
function getInstance(t: Target, method = 'GET', format: 'JSON' | 'XML' = 'JSON'): Record<string, string> {
  const params = unsignedParams(t.credentials, 'GetInstance', { InstanceId: t.instanceId, RegionId: t.regionId }, t.nonce(), format);
  return sign(method, params, t.credentials.accessKeySecret);
}

/** A valid signed GetInstance, as raw bytes (used by the health checks). */
export function validGetInstance(t: Target, format: 'JSON' | 'XML' = 'JSON'): RawRequest {
  return once(http('GET', `/?${canonicalQuery(getInstance(t, 'GET', format))}`, [HOST, CLOSE]));
}

function randomFormat(rng: Rng): 'JSON' | 'XML' {
  return rng.chance(0.5) ? 'JSON' : 'XML';
}

/** Sends `query` as GET, or as a POST form body (half the time). */
function getOrPost(rng: Rng, query: string | Buffer): Buffer {
  const bytes = typeof query === 'string' ? Buffer.from(query, 'latin1') : query;
  if (rng.chance(0.5)) return http('GET', Buffer.concat([Buffer.from('/?'), bytes]), [HOST, CLOSE]);
  return http('POST', '/', [HOST, CLOSE, FORM, `Content-Length: ${bytes.length}`], bytes);
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function word(rng: Rng, min: number, max: number): string {
  return Array.from({ length: rng.int(min, max) }, () => rng.pick(ALNUM.split(''))).join('');
}

function oversized(rng: Rng, t: Target): FuzzCase {
  const asGet = rng.chance(0.5);
  const params = unsignedParams(t.credentials, 'GetInstance', { InstanceId: t.instanceId, RegionId: t.regionId }, t.nonce(), randomFormat(rng));
  const where = rng.pick(['value', 'name', 'extra'] as const);
  // Half the time signed with the big parameter, so that only its size is wrong. An unknown
  // parameter is ignored, so a signed one is made larger than the server's 64 KiB limit; a big
  // InstanceId names no instance whatever its size.
  const signed = rng.chance(0.5);
  const size = rng.pick(signed && where !== 'value' ? [70_000, 300_000, 1_100_000] : [9_000, 17_000, 70_000, 300_000, 1_100_000]);
  const big = 'x'.repeat(size);
  if (where === 'value') params.InstanceId = big;
  else if (where === 'name') params[big] = '1';
  else params[`Extra${rng.int(0, 9)}`] = big;
  const query = canonicalQuery(signed ? sign(asGet ? 'GET' : 'POST', params, t.credentials.accessKeySecret) : { ...params, Signature: 'bm90LWEtc2lnbmF0dXJl' });
  return {
    category: 'oversized parameter',
    note: `${size}-byte ${where} as ${asGet ? 'GET query' : 'POST form'}, ${signed ? 'signed' : 'wrong signature'}`,
    request: once(asGet ? http('GET', `/?${query}`, [HOST, CLOSE]) : http('POST', '/', [HOST, CLOSE, FORM, `Content-Length: ${query.length}`], query)),
  };
}

const BROKEN_ESCAPES = ['%', '%%', '%G1', '%4', '%4G', '%u0041', '%%41', '%-1', '%0', '% 20', '%zz'];

function brokenPercent(rng: Rng, t: Target): FuzzCase {
  const params = getInstance(t, 'GET', randomFormat(rng));
  const pairs = canonicalQuery(params).split('&');
  const i = rng.int(0, pairs.length - 1);
  const escape = rng.pick(BROKEN_ESCAPES);
  const [name, value] = pairs[i].split('=');
  const inName = rng.chance(0.3);
  const cut = rng.int(0, (inName ? name : value).length);
  pairs[i] = inName ? `${name.slice(0, cut)}${escape}${name.slice(cut)}=${value}` : `${name}=${value.slice(0, cut)}${escape}${value.slice(cut)}`;
  const query = pairs.join('&').replace(/ /g, '%20');
  return { category: 'broken percent-encoding', note: `${JSON.stringify(escape)} in the ${inName ? 'name' : 'value'} of ${name}`, request: once(getOrPost(rng, query)) };
}

const INVALID_UTF8 = ['%FF', '%FE%FF', '%C0%AF', '%C3', '%E2%82', '%ED%A0%80', '%F4%90%80%80', '%80', '%C3%28', '%F0%9F%98'];

function invalidUtf8(rng: Rng, t: Target): FuzzCase {
  const params = getInstance(t, 'GET', randomFormat(rng));
  const name = rng.pick(Object.keys(params));
  const raw = rng.chance(0.3);
  if (raw) {
    // Raw bytes >= 0x80 in the request target or the form body, not percent-encoded.
    const bytes = Buffer.concat([Buffer.from(`${canonicalQuery(params)}&${name}X=`, 'latin1'), rng.bytes(rng.int(1, 8)).map((b) => b | 0x80)]);
    return { category: 'invalid UTF-8', note: `raw high bytes in a parameter after ${name}`, request: once(getOrPost(rng, bytes)) };
  }
  const bad = rng.pick(INVALID_UTF8);
  const query = canonicalQuery({ ...params, [name]: '' }).replace(`${rfc3986(name)}=`, `${rfc3986(name)}=${rfc3986(params[name]).slice(0, 4)}${bad}`);
  return { category: 'invalid UTF-8', note: `${bad} in ${name}`, request: once(getOrPost(rng, query)) };
}

function duplicate(rng: Rng, t: Target): FuzzCase {
  const params = getInstance(t, 'GET', randomFormat(rng));
  const name = rng.pick([...Object.keys(params), 'Action', 'Signature', 'InstanceId']);
  const value = rng.chance(0.5) ? params[name] : word(rng, 1, 12);
  const query = `${canonicalQuery(params)}&${rfc3986(name)}=${rfc3986(value)}`;
  if (rng.chance(0.25)) {
    // Once in the query, once in the form body.
    const body = `${rfc3986(name)}=${rfc3986(value)}`;
    return {
      category: 'duplicate parameter',
      note: `${name} in the query and the form body`,
      request: once(http('POST', `/?${canonicalQuery(params)}`, [HOST, CLOSE, FORM, `Content-Length: ${body.length}`], body)),
    };
  }
  return { category: 'duplicate parameter', note: `${name} twice (${value === params[name] ? 'same' : 'different'} value)`, request: once(getOrPost(rng, query)) };
}

function unknownAction(rng: Rng, t: Target): FuzzCase {
  const action = rng.pick([
    word(rng, 1, 40),
    '',
    'getinstance',
    'GETINSTANCE',
    'GetInstance ',
    ' GetInstance',
    'GetInstance\u0000',
    'Get\u00edInstance',
    '\u4e2d\u6587',
    'x'.repeat(rng.int(100, 5000)),
    'CreateInstance',
    'DescribeRegions',
    '../GetInstance',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
  ]);
  const params = unsignedParams(t.credentials, action, { InstanceId: t.instanceId, RegionId: t.regionId }, t.nonce(), randomFormat(rng));
  const missing = rng.chance(0.1);
  if (missing) delete params.Action;
  const method = rng.chance(0.5) ? 'GET' : 'POST';
  const query = canonicalQuery(sign(method, params, t.credentials.accessKeySecret));
  const request = method === 'GET' ? http('GET', `/?${query}`, [HOST, CLOSE]) : http('POST', '/', [HOST, CLOSE, FORM, `Content-Length: ${query.length}`], query);
  return { category: 'unknown Action', note: missing ? 'no Action' : `Action ${JSON.stringify(action.slice(0, 40))}, correctly signed`, request: once(request) };
}

function wrongMethodOrPath(rng: Rng, t: Target): FuzzCase {
  const query = canonicalQuery(getInstance(t, 'GET'));
  const method = rng.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'HEAD', 'FOO', 'get', 'PROPFIND']);
  const path = rng.pick([
    '/',
    '/x',
    '/index.html',
    '//',
    '/./',
    '/..',
    '/%2e%2e/',
    '/%00',
    '/%23Action=GetInstance',
    '/#Action=GetInstance',
    '/api/v1/',
    `/${word(rng, 1, 30)}`,
    'http://127.0.0.1/x',
    'http://example.invalid/y/',
    '*',
  ]);
  // A wrong method or a wrong path, never both right. (An absolute-form target whose path is `/`
  // may rightly be served, so none is generated.)
  const sane = (m: string, p: string): boolean => (m === 'GET' || m === 'POST') && p === '/';
  const finalPath = sane(method, path) ? `/${word(rng, 3, 10)}` : path;
  const target = finalPath === '*' ? '*' : `${finalPath}?${query}`;
  const body = method === 'POST' || method === 'PUT' || method === 'PATCH' ? query : '';
  const headers = [HOST, CLOSE, ...(body ? [FORM, `Content-Length: ${body.length}`] : [])];
  return { category: 'wrong method or path', note: `${method} ${finalPath}`, request: once(http(method, target, headers, body), method === 'HEAD') };
}

function truncatedBody(rng: Rng, t: Target): FuzzCase {
  const body = canonicalQuery(getInstance(t, 'POST'));
  const sent = rng.int(0, body.length - 1);
  const declared = rng.chance(0.2) ? rng.int(body.length + 1, 10_000_000) : body.length;
  const then = rng.chance(0.5) ? 'end' : 'destroy';
  const head = http('POST', '/', [HOST, CLOSE, FORM, `Content-Length: ${declared}`]);
  return {
    category: 'truncated body',
    note: `Content-Length ${declared}, ${sent} bytes sent, then ${then === 'end' ? 'half-closed' : 'closed'}`,
    request: { chunks: [head, Buffer.from(body.slice(0, sent))], then },
  };
}

function garbageHeaders(rng: Rng, t: Target): FuzzCase {
  const query = canonicalQuery(getInstance(t, 'GET'));
  const post = (headers: string[], body = query): Buffer => http('POST', '/', [HOST, CLOSE, ...headers], body);
  const get = (headers: string[]): Buffer => http('GET', `/?${query}`, [CLOSE, ...headers]);
  const variants: [string, () => Buffer][] = [
    ['a header line without a colon', () => get([HOST, 'NoColonHere'])],
    ['a header name with spaces and controls', () => get([HOST, 'Bad Name\u0001: x'])],
    ['a 200 KB header value', () => get([HOST, `X-Big: ${'y'.repeat(200_000)}`])],
    ['5,000 headers', () => get([HOST, ...Array.from({ length: 5000 }, (_, i) => `X-Header-${i}: ${'v'.repeat(20)}`)])],
    ['two different Content-Length', () => post([FORM, `Content-Length: ${query.length}`, `Content-Length: ${query.length + 5}`])],
    ['a Content-Length that is not a number', () => post([FORM, 'Content-Length: abc'])],
    ['a negative Content-Length', () => post([FORM, 'Content-Length: -5'])],
    ['an unknown Transfer-Encoding', () => post([FORM, 'Transfer-Encoding: gzip, zstd'])],
    ['a chunked body with a bad chunk size', () => post([FORM, 'Transfer-Encoding: chunked'], `zz${CRLF}${query}${CRLF}0${CRLF}${CRLF}`)],
    ['Transfer-Encoding and Content-Length together', () => post([FORM, 'Transfer-Encoding: chunked', `Content-Length: ${query.length}`], `${query.length.toString(16)}${CRLF}${query}${CRLF}0${CRLF}${CRLF}`)],
    ['a POST with a JSON content type', () => post(['Content-Type: application/json', `Content-Length: ${query.length}`])],
    ['a POST with a garbage content type', () => post([`Content-Type: ${word(rng, 1, 20)}/;;;==\u00ff`, `Content-Length: ${query.length}`])],
    ['no Host header', () => get([])],
    ['an obsolete folded header and a bare CR', () => get([HOST, 'X-Fold: a', ' continued', 'X-Cr: a\rb'])],
    ['an ACS3 Authorization header that does not parse', () => get([HOST, `Authorization: ACS3-HMAC-SHA256 ${rng.pick(['', 'Credential', 'Credential=,SignedHeaders=;;,Signature=', '=,=,='])}`])],
    ['an Authorization header of an unknown ACS3 algorithm', () => get([HOST, `Authorization: ACS3-${word(rng, 1, 20)} Credential=${t.credentials.accessKeyId}`])],
    ['ACS3 headers with a random signature', () => {
      const unsigned = `action=GetInstance&InstanceId=${t.instanceId}`;
      return http('POST', `/?${unsigned}`, [
        HOST,
        CLOSE,
        'x-acs-action: GetInstance',
        'x-acs-version: 2018-12-01',
        `x-acs-date: ${new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
        `x-acs-signature-nonce: ${t.nonce()}`,
        `x-acs-content-sha256: ${rng.bytes(32).toString('hex')}`,
        `Authorization: ACS3-HMAC-SHA256 Credential=${t.credentials.accessKeyId},SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=${rng.bytes(32).toString('hex')}`,
        'Content-Length: 0',
      ]);
    }],
  ];
  const [note, make] = variants[rng.int(0, variants.length - 1)];
  return { category: 'garbage headers', note, request: once(make()) };
}

function randomBytes(rng: Rng): FuzzCase {
  const prefix = rng.pick(['', '', 'GET ', 'POST / HTTP/1.1\r\n', 'GET /?Action=GetInstance HTTP/1.1\r\nHost: x\r\n', 'HTTP/1.1 200 OK\r\n']);
  const bytes = Buffer.concat([Buffer.from(prefix, 'latin1'), rng.bytes(rng.int(1, 4096))]);
  return { category: 'random bytes', note: `${bytes.length} random bytes after ${JSON.stringify(prefix)}`, request: { chunks: [bytes], then: rng.chance(0.7) ? 'end' : 'destroy' } };
}

function corruptedSigned(rng: Rng, t: Target): FuzzCase {
  const method = rng.chance(0.5) ? 'GET' : 'POST';
  const format = randomFormat(rng);
  const base = unsignedParams(t.credentials, 'GetInstance', { InstanceId: t.instanceId, RegionId: t.regionId }, t.nonce(), format);
  const resign = (params: Record<string, string>): Record<string, string> => sign(method, params, t.credentials.accessKeySecret);
  const corruptions: [string, () => Record<string, string>][] = [
    ['one character of the Signature changed', () => {
      const p = resign(base);
      const i = rng.int(0, p.Signature.length - 2);
      p.Signature = p.Signature.slice(0, i) + (p.Signature[i] === 'A' ? 'B' : 'A') + p.Signature.slice(i + 1);
      return p;
    }],
    ['the Signature removed', () => {
      const p = resign(base);
      delete p.Signature;
      return p;
    }],
    ['a parameter changed after signing', () => {
      const p = resign(base);
      const name = rng.pick(['InstanceId', 'RegionId', 'Format', 'SignatureNonce', 'Timestamp', 'Version', 'Action']);
      p[name] = `${p[name]}x`;
      return p;
    }],
    ['a parameter added after signing', () => ({ ...resign(base), PageNo: '1' })],
    ['an unknown AccessKeyId, signed with the real secret', () => resign({ ...base, AccessKeyId: `LTAI${word(rng, 8, 16)}` })],
    ['signed with the wrong secret', () => sign(method, base, `${t.credentials.accessKeySecret}x`)],
    ['signed for the other HTTP method', () => sign(method === 'GET' ? 'POST' : 'GET', base, t.credentials.accessKeySecret)],
    ['a Timestamp a day old', () => resign({ ...base, Timestamp: new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z') })],
    ['a Timestamp a day ahead', () => resign({ ...base, Timestamp: new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z') })],
    ['a Timestamp in another format', () => resign({ ...base, Timestamp: rng.pick([new Date().toUTCString(), String(Date.now()), '2026-13-45T99:99:99Z', '', 'now']) })],
    ['SignatureMethod HMAC-SHA256', () => resign({ ...base, SignatureMethod: 'HMAC-SHA256' })],
    ['SignatureVersion 2.0', () => resign({ ...base, SignatureVersion: '2.0' })],
    ['another Version', () => resign({ ...base, Version: rng.pick(['2016-06-07', '2018-12-1', '', 'latest']) })],
    ['Format YAML', () => resign({ ...base, Format: 'YAML' })],
    ['a required parameter left out (signed without it)', () => {
      const p = { ...base } as Record<string, string>;
      delete p[rng.pick(['InstanceId', 'AccessKeyId', 'SignatureNonce', 'Timestamp', 'Version', 'SignatureMethod'])];
      return resign(p);
    }],
    ['an empty SignatureNonce', () => resign({ ...base, SignatureNonce: '' })],
    ['an instance that does not exist, correctly signed', () => resign({ ...base, InstanceId: `cri-${word(rng, 16, 16).toLowerCase()}` })],
    ['a ListNamespace PageSize that is not a positive integer, correctly signed', () =>
      resign({ ...base, Action: 'ListNamespace', PageSize: rng.pick(['-1', '0', 'abc', '1.5', '1e3', '0x10']) })],
    // The operations of the vendor's metadata: value sets, booleans, and IDs that name nothing.
    ['a ListRepoTagScanResult Severity outside its value set, correctly signed', () =>
      resign({ ...base, Action: 'ListRepoTagScanResult', ScanTaskId: word(rng, 8, 36), Severity: rng.pick(['Critical', 'high', 'HIGH', 'Severe', 'High ']) })],
    ['a GetRepoTagScanStatus ScanType outside its value set, correctly signed', () =>
      resign({ ...base, Action: 'GetRepoTagScanStatus', ScanTaskId: word(rng, 8, 36), ScanType: rng.pick(['CVE', 'os', 'all', 'sca,cve']) })],
    ['a scan result read by a ScanTaskId that names no scan, correctly signed', () =>
      resign({ ...base, Action: rng.pick(['ListScanBaselineByTask', 'ListScanMaliciousFileByTask', 'GetRepoTagScanSummary']), ScanTaskId: word(rng, 1, 36) })],
    ['a CreateRepoSyncTask Override that is not a boolean, correctly signed', () =>
      resign({ ...base, Action: 'CreateRepoSyncTask', RepoId: 'crr-x', Tag: 'v1', TargetRegionId: t.regionId, TargetInstanceId: t.instanceId,
        TargetNamespace: 'ns', TargetRepoName: 'repo', TargetTag: 'v1', Override: rng.pick(['yes', '1', 'TRUE ', '']) })],
    ['a CancelRepoSyncTask of a task that does not exist, correctly signed', () =>
      resign({ ...base, Action: 'CancelRepoSyncTask', SyncTaskId: `rst-${word(rng, 16, 16).toLowerCase()}` })],
    // Array parameters on the wire (repeatList): indices and names that are not elements, floods.
    ['TagResources with Tag.N.* names that are not elements, correctly signed', () =>
      resign({ ...base, Action: 'TagResources', ResourceType: 'Instance', 'ResourceId.1': t.instanceId,
        [`Tag.${rng.pick(['0', '01', '-1', '1e3', 'x', '', '1.5', '4294967296'])}.${rng.pick(['Key', 'Value', 'key', ''])}`]: word(rng, 0, 8) })],
    ['TagResources with more Tag elements than maxItems, correctly signed', () => {
      const p: Record<string, string> = { ...base, Action: 'TagResources', ResourceType: 'Instance', 'ResourceId.1': t.instanceId };
      for (let i = 1; i <= rng.int(22, 400); i++) Object.assign(p, { [`Tag.${i}.Key`]: `k${i}`, [`Tag.${i}.Value`]: 'v' });
      return resign(p);
    }],
    ['ListTagResources with a repeatList parameter sent as one value, correctly signed', () =>
      resign({ ...base, Action: 'ListTagResources', ResourceType: 'Instance', [rng.pick(['ResourceId', 'Tag'])]: rng.pick(['[]', 'a,b', '{"Key":"k"}', '']) })],
    ['CreateScanRule with Namespaces that are not a JSON list of names, correctly signed', () =>
      resign({ ...base, Action: 'CreateScanRule', RuleName: 'r', ScanScope: 'NAMESPACE', TriggerType: 'AUTO', RepoTagFilterPattern: '.*',
        Namespaces: rng.pick(['team', '["team"', '[1,2]', '{"a":1}', '[[["x"]]]', `[${'['.repeat(2000)}`, '["",""]', 'null']) })],
    ['a CreateRepoTag of a tag that does not exist, correctly signed', () =>
      resign({ ...base, Action: 'CreateRepoTag', NamespaceName: word(rng, 1, 8).toLowerCase(), RepoName: 'repo', FromTag: word(rng, 1, 8), ToTag: 'copy' })],
    // Tag retention rules: a scope, a period or a count the service does not take, a rule that names nothing.
    ['a CreateArtifactLifecycleRule with a Scope, ScheduleTime or RetentionTagCount it does not take, correctly signed', () =>
      resign({ ...base, Action: 'CreateArtifactLifecycleRule', ...rng.pick<Record<string, string>>([
        { Scope: rng.pick(['GLOBAL', 'repo', 'INSTANCE ']), RetentionTagCount: '1' },
        { ScheduleTime: rng.pick(['HOUR', 'week', 'P7D']), RetentionTagCount: '1' },
        { RetentionTagCount: rng.pick(['-1', '1.5', 'ten', '9223372036854775808']) },
        { TagRegexp: rng.pick(['(', '[a-', '*']), EnableDeleteTag: rng.pick(['yes', 'true']) },
      ]) })],
    ['an artifact lifecycle rule that does not exist, correctly signed', () =>
      resign({ ...base, Action: rng.pick(['GetArtifactLifecycleRule', 'DeleteArtifactLifecycleRule', 'UpdateArtifactLifecycleRule']), RuleId: `cralr-${word(rng, 16, 16).toLowerCase()}` })],
    // Event notification: a type outside the value set, a rule that does not exist.
    ['a ListEventCenterRecord EventType outside its value set, correctly signed', () =>
      resign({ ...base, Action: 'ListEventCenterRecord', EventType: rng.pick(['cr:Artifact:Pushed', 'ScanCompleted', 'cr:artifact:scancompleted', '*']) })],
    ['a DeleteEventCenterRule of a rule that does not exist, correctly signed', () =>
      resign({ ...base, Action: 'DeleteEventCenterRule', RuleId: `crecr-${word(rng, 16, 16).toLowerCase()}` })],
    ['an UpdateEventCenterRule with an EventConfig, scope or lists the rule cannot take, correctly signed', () =>
      resign({ ...base, Action: 'UpdateEventCenterRule', RuleId: `crecr-${word(rng, 16, 16).toLowerCase()}`,
        ...rng.pick<Record<string, string>>([
          { EventConfig: rng.pick(['{', 'null', '[]', '{"notifyMethod":7}', '"https"']) },
          { EventScope: rng.pick(['repo', 'ALL', '']) },
          { RepoNames: rng.pick(['api', '[1]', '{"a":"b"}', `[${'"x",'.repeat(200)}"x"]`]) },
        ]) })],
    // Delivery chains: a ChainConfig that is not the shape (too deep, wrong kinds, unknown names), a chain that does not exist.
    ['a CreateChain or UpdateChain whose ChainConfig is not the chain shape, correctly signed', () =>
      resign({ ...base, Action: rng.pick(['CreateChain', 'UpdateChain']), ChainId: 'chi-x', Name: 'c', RepoNamespaceName: 'team',
        ChainConfig: rng.pick([
          'chainconfig', '{"Nodes":{}}', '{"Nodes":[{"NodeName":1}]}', '{"Nodes":[{"NodeName":"A","Title":"Image building"}]}',
          '{"Nodes":[{"NodeName":"A","NodeConfig":{"DenyPolicy":{"IssueCount":10}}}]}', `{"Routers":[${'{"From":{"NodeName":"A"}},'.repeat(60)}{}]}`,
          `{"Nodes":[${'['.repeat(3000)}]}`, '{"Nodes":[{"NodeName":"A"}],"Routers":[{"From":{"NodeName":"A"},"To":{"NodeName":"A"}}]}',
        ]) })],
    ['a delivery chain that does not exist, correctly signed', () =>
      resign({ ...base, Action: rng.pick(['GetChain', 'DeleteChain']), ChainId: `chi-${word(rng, 16, 16).toLowerCase()}` })],
    // Builds: a platform or a flag outside its value set, a build record that does not exist.
    ['a source code repository with a CodeRepoType or a flag outside its value set, correctly signed', () =>
      resign({ ...base, Action: rng.pick(['CreateRepoSourceCodeRepo', 'UpdateRepoSourceCodeRepo']), RepoId: 'crr-x', CodeRepoNamespaceName: 'acme', CodeRepoName: 'api',
        ...rng.pick<Record<string, string>>([{ CodeRepoType: rng.pick(['github', 'BITBUCKET', 'GIT', '']) }, { CodeRepoType: 'GITHUB', AutoBuild: rng.pick(['yes', '1', 'TRUE']) }]) })],
    ['a build log or re-run of a build record that does not exist, correctly signed', () =>
      resign({ ...base, Action: rng.pick(['ListRepoBuildRecordLog', 'CreateBuildRecordByRecord']), RepoId: 'crr-x', BuildRecordId: word(rng, 1, 36) })],
    // Artifact building: a scope, type or parameters the service does not take, a task that does not exist.
    ['a CreateArtifactBuildRule with a ScopeType, ArtifactType or Parameters it does not take, correctly signed', () =>
      resign({ ...base, Action: 'CreateArtifactBuildRule', ScopeId: `crr-${word(rng, 16, 16).toLowerCase()}`, ...rng.pick<Record<string, string>>([
        { ScopeType: rng.pick(['NAMESPACE', 'repository', '']), ArtifactType: 'ACCELERATED_IMAGE' },
        { ScopeType: 'REPOSITORY', ArtifactType: rng.pick(['IMAGE', 'accelerated_image', 'ECI_ACCELERATED_IMAGE']) },
        { ScopeType: 'REPOSITORY', ArtifactType: 'ACCELERATED_IMAGE', Parameters: rng.pick(['{"Prefetch":1}', '{"ImageIndexOnly":"yes"}', '[]', '{', 'true']) },
      ]) })],
    ['an artifact build task that does not exist, or a log page below 1, correctly signed', () =>
      resign({ ...base, Action: rng.pick(['GetArtifactBuildTask', 'CancelArtifactBuildTask', 'ListArtifactBuildTaskLog']), BuildTaskId: `i2a-${word(rng, 16, 16).toLowerCase()}`,
        Page: rng.pick(['1', '0', '-1']), PageSize: rng.pick(['10', '0']) })],
    // Storage domain routing: Routes that are not a JSON list of routes, or name what the instance does not have.
    ['a CreateStorageDomainRoutingRule whose Routes are not a JSON list of routes of the instance, correctly signed', () =>
      resign({ ...base, Action: 'CreateStorageDomainRoutingRule', Routes: rng.pick([
        '', '[]', 'Routes', '{"InstanceDomain":"a"}', '[{"InstanceDomain":"a","StorageDomain":"https://b"}]',
        '[{"InstanceDomain":"a","StorageDomain":"https://b","EndpointType":"vpc"}]',
        '[{"InstanceDomain":"elsewhere.example","StorageDomain":"https://b.example","EndpointType":"VPC"}]',
        `[${'{"InstanceDomain":"a","StorageDomain":"https://b","EndpointType":"VPC"},'.repeat(101)}{}]`,
      ]) })],
    ['a storage domain routing rule that does not exist, correctly signed', () =>
      resign({ ...base, Action: rng.pick(['DeleteStorageDomainRoutingRule', 'GetStorageDomainRoutingRule']), RuleId: `crsdr-${word(rng, 16, 16).toLowerCase()}` })],
    // Artifact subscription: a source, count or platform the service does not take; a rule or task that does not exist.
    ['a CreateArtifactSubscriptionRule with a SourceProvider, TagCount or Platform it does not take, correctly signed', () =>
      resign({ ...base, Action: 'CreateArtifactSubscriptionRule', SourceRepoName: 'nginx', NamespaceName: 'team', RepoName: 'nginx', TagRegexp: '.*', ...rng.pick<Record<string, string>>([
        { SourceProvider: rng.pick(['DOCKERHUB', 'docker_hub', 'GHCR', '']), TagCount: '1', 'Platform.1': 'linux/amd64' },
        { SourceProvider: 'DOCKER_HUB', TagCount: rng.pick(['0', '31', '-1', '1.5', 'ten']), 'Platform.1': 'linux/amd64' },
        { SourceProvider: 'DOCKER_HUB', TagCount: '1', ...rng.pick<Record<string, string>>([{ Platform: 'linux/amd64' }, { 'Platform.1': rng.pick(['amd64', 'Linux/AMD64', '', 'linux/']) }, { 'Platform.01': 'linux/amd64' }]) },
        { SourceProvider: rng.pick(['GCR', 'QUAY']), TagCount: '1', 'Platform.1': 'linux/amd64', TagRegexp: rng.pick(['(', '[a-', '*']) },
      ]) })],
    ['an artifact subscription rule or task that does not exist, correctly signed', () =>
      resign({ ...base, ...rng.pick<Record<string, string>>([
        { Action: rng.pick(['GetArtifactSubscriptionRule', 'DeleteArtifactSubscriptionRule', 'UpdateArtifactSubscriptionRule', 'CreateArtifactSubscriptionTask']), RuleId: `crasr-${word(rng, 16, 16).toLowerCase()}` },
        { Action: rng.pick(['GetArtifactSubscriptionTask', 'GetArtifactSubscriptionTaskResult']), TaskId: `crast-${word(rng, 16, 16).toLowerCase()}` },
      ]) })],
  ];
  const [note, make] = rng.pick(corruptions);
  const query = canonicalQuery(make());
  const request = method === 'GET' ? http('GET', `/?${query}`, [HOST, CLOSE]) : http('POST', '/', [HOST, CLOSE, FORM, `Content-Length: ${query.length}`], query);
  return { category: 'corrupted signed request', note: `${method}, ${note}`, request: once(request) };
}

/** The categories, in the order of the summary; each makes one case from the PRNG. */
export const CATEGORIES: readonly { readonly name: string; readonly make: (rng: Rng, t: Target) => FuzzCase }[] = [
  { name: 'oversized parameter', make: oversized },
  { name: 'broken percent-encoding', make: brokenPercent },
  { name: 'invalid UTF-8', make: invalidUtf8 },
  { name: 'duplicate parameter', make: duplicate },
  { name: 'unknown Action', make: unknownAction },
  { name: 'wrong method or path', make: wrongMethodOrPath },
  { name: 'truncated body', make: truncatedBody },
  { name: 'garbage headers', make: garbageHeaders },
  { name: 'random bytes', make: (rng) => randomBytes(rng) },
  { name: 'corrupted signed request', make: corruptedSigned },
];
