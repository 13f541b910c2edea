// Images the server makes itself, as real registry content: artifact subscription imports one per
// source tag (the mock reaches no other registry). An image is one small gzipped layer holding a
// text file that names where it comes from, its config and its Docker schema 2 manifest, all
// derived from (origin, platform, created) alone, so the same source tag gives the same digests
// every time. The blobs are a few hundred bytes: their bytes are kept in the store beside their
// record (`inline`), in the same transaction as the tag, and served from there, so a request
// handler makes them without the registry's blob store.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Store } from '../../store/store.js';
import { MEDIA_TYPE } from '../../resources/push.js';
import { linkBlob, manifestOf, putManifest } from './content.js';

export interface SyntheticImage {
  /** `sha256:<hex>` of the manifest. */
  readonly digest: string;
  readonly config: { readonly mediaType: string; readonly digest: string; readonly size: number };
  readonly layers: readonly { readonly mediaType: string; readonly digest: string; readonly size: number }[];
  /** The file the layer holds (its path in the image). */
  readonly path: string;
}

const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** A ustar archive of one regular file, owned by root, mode 0644, dated `mtimeSeconds`. */
function ustar(path: string, content: Buffer, mtimeSeconds: number): Buffer {
  const header = Buffer.alloc(512);
  const put = (offset: number, text: string): void => void header.write(text, offset, 'ascii');
  const octal = (value: number, width: number): string => `${value.toString(8).padStart(width - 1, '0')}\0`;
  put(0, path);
  put(100, octal(0o644, 8));
  put(108, octal(0, 8));
  put(116, octal(0, 8));
  put(124, octal(content.length, 12));
  put(136, octal(mtimeSeconds, 12));
  put(148, ' '.repeat(8)); // the checksum counts its own field as spaces
  put(156, '0');
  put(257, 'ustar\0');
  put(263, '00');
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  put(148, `${checksum.toString(8).padStart(6, '0')}\0 `);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}

/**
 * Stores the image of `origin` (`DOCKER_HUB/library/nginx:1.25.3`) for `platform` (`linux/arm64`)
 * in repository `repoId`: its blobs, linked there, and its manifest. Call inside a transaction.
 */
export function storeSyntheticImage(store: Store, repoId: string, origin: string, platform: string, created: number, now: number): SyntheticImage {
  const [os, architecture, variant] = platform.split('/');
  const path = 'etc/acr-mock-origin';
  const text = Buffer.from(`${origin}\n${platform}\n`);
  // gzip writes no name and a zero time unless told to, so the bytes depend on the input alone.
  const tar = ustar(path, text, Math.floor(created / 1000));
  const layerBytes = gzipSync(tar, { level: 9 });
  const createdText = new Date(created).toISOString();
  const configBytes = Buffer.from(JSON.stringify({
    architecture,
    os,
    ...(variant === undefined ? {} : { variant }),
    created: createdText,
    config: { Labels: { 'org.opencontainers.image.source': origin } },
    rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
    history: [{ created: createdText, created_by: `/bin/sh -c #(nop) ADD file:${sha256(text).slice(7, 23)} in /${path}` }],
  }));
  const config = { mediaType: MEDIA_TYPE.config, digest: sha256(configBytes), size: configBytes.length };
  const layer = { mediaType: MEDIA_TYPE.layer, digest: sha256(layerBytes), size: layerBytes.length };
  const manifestBytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPE.manifest, config, layers: [layer] }));
  const digest = sha256(manifestBytes);
  linkBlob(store, repoId, { ...config, inline: configBytes.toString('base64') }, now);
  linkBlob(store, repoId, { ...layer, inline: layerBytes.toString('base64') }, now);
  if (manifestOf(store, repoId, digest) === undefined) {
    putManifest(store, repoId, { repoId, digest, mediaType: MEDIA_TYPE.manifest, size: manifestBytes.length, content: manifestBytes.toString('base64'), pushedAt: now });
  }
  return { digest, config, layers: [layer], path };
}
