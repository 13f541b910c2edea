// IDs in the vendor's shapes: a prefix and 16 lower-case letters and digits (`crr-` repositories,
// `crn-` namespaces, `crbr-` build rules, ...), or a UUID (build records, synchronization batches).
// They are a hash of the store's counter and the seed's salt, so a run is reproducible: the same
// seed and the same requests give the same IDs.
import { createHash } from 'node:crypto';
import type { Store } from '../../store/store.js';
import { nextSequence, readSettings } from './config.js';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export const PREFIX = {
  instance: 'cri-',
  namespace: 'crn-',
  repository: 'crr-',
  syncRule: 'crsr-',
  syncTask: 'rst-',
  syncLayerTask: 'rslt-',
  buildRule: 'crbr-',
  trigger: 'crw-',
  chartNamespace: 'crcn-',
  chartRepository: 'crcr-',
  lifecycleRule: 'cralr-',
  eventRule: 'crecr-',
  chain: 'chi-',
  chainConfig: 'cci-',
  storageRoutingRule: 'crsdr-',
  artifactBuildRule: 'crabr-',
  artifactBuildTask: 'i2a-',
  subscriptionRule: 'crasr-',
  subscriptionTask: 'crast-',
} as const;

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** 16 characters of [0-9a-z] derived from `text`. */
export function alnum16(text: string): string {
  const bytes = digest(text);
  let out = '';
  for (let i = 0; i < 16; i++) out += ALPHABET[bytes[i] % ALPHABET.length];
  return out;
}

/** A UUID (version 4 layout) derived from `text`. */
export function uuidOf(text: string): string {
  const hex = digest(text).toString('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** 64 hexadecimal digits derived from `text` (a content digest without its `sha256:`). */
export function hex64(text: string): string {
  return digest(text).toString('hex');
}

/** A new ID with `prefix`, and the sequence number it was made from (creation order). */
export function newId(store: Store, prefix: string): { id: string; seq: number } {
  const seq = nextSequence(store);
  return { id: prefix + alnum16(`${readSettings(store).idSalt}:${prefix}:${seq}`), seq };
}

/** A new UUID, and the sequence number it was made from. */
export function newUuid(store: Store, kind: string): { id: string; seq: number } {
  const seq = nextSequence(store);
  return { id: uuidOf(`${readSettings(store).idSalt}:${kind}:${seq}`), seq };
}
