// Images the server makes itself, as real registry content: seed fixtures and builds push one
// (resources/push.ts), artifact subscription imports one per source tag (the mock reaches no other
// registry). An image is one small gzipped layer per layer asked for, each holding a text file that
// names where the image comes from, its config and its Docker schema 2 manifest, all derived from
// the recipe alone, so the same recipe gives the same digests every time. The blobs are a few
// hundred bytes: their bytes are kept in the store beside their record (`inline`), in the same
// transaction as the tag, and served from there, so no request handler needs the registry's blob
// store to make them.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Store } from '../../store/store.js';
import { MEDIA_TYPES } from '../../resources/common/media-types.js';
import { linkBlob, manifestOf, putManifest } from './content.js';

export interface SyntheticImage {
  /** `sha256:<hex>` of the manifest. */
  readonly digest: string;
  readonly config: { readonly mediaType: string; readonly digest: string; readonly size: number };
  readonly layers: readonly { readonly mediaType: string; readonly digest: string; readonly size: number }[];
  /** The file the (first) layer holds (its path in the image). */
  readonly path: string;
  /** The instruction and command of each layer, as its history entry in the config says them. */
  readonly history: readonly { readonly instruction: string; readonly command: string }[];
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

/** What an image the server makes is made from; the same description gives the same bytes. */
export interface ImageRecipe {
  /** Where the image comes from (`DOCKER_HUB/library/nginx:1.25.3`, `<instance>/<namespace>/<repository>:<tag>`). */
  readonly origin: string;
  /** `os/architecture[/variant]`. */
  readonly platform: string;
  /** When it was built (ms); absent, the config says no time and the archives are dated 0. */
  readonly created?: number;
  /**
   * The Dockerfile instruction and command that made each layer (its history entry); by default
   * `ADD` of the layer's file. One layer when absent. Layer i > 0 holds its own file, so no two
   * layers of an image are the same.
   */
  readonly layers?: readonly { readonly instruction?: string; readonly command?: string }[];
}

/** An image made from `recipe`, its bytes beside its descriptors; nothing is stored. */
export function makeImage(recipe: ImageRecipe): SyntheticImage & { readonly blobs: readonly Buffer[]; readonly manifest: Buffer } {
  const { origin, platform, created } = recipe;
  const [os, architecture, variant] = platform.split('/');
  const mtime = created === undefined ? 0 : Math.floor(created / 1000);
  const createdText = created === undefined ? undefined : new Date(created).toISOString();
  const when = createdText === undefined ? {} : { created: createdText };
  const tars: Buffer[] = [];
  const history: { created?: string; created_by: string }[] = [];
  const made: { instruction: string; command: string }[] = [];
  let path = '';
  for (const [index, layer] of (recipe.layers ?? [{}]).entries()) {
    // The first layer's file is the one every image has had since the first images were made, so
    // their digests stay what they were.
    const file = index === 0 ? 'etc/acr-mock-origin' : `etc/acr-mock-layer-${index}`;
    const text = Buffer.from(index === 0 ? `${origin}\n${platform}\n` : `${origin}\n${platform}\nlayer ${index}\n`);
    if (index === 0) path = file;
    tars.push(ustar(file, text, mtime));
    const step = { instruction: layer.instruction ?? 'ADD', command: layer.command ?? `file:${sha256(text).slice(7, 23)} in /${file}` };
    made.push(step);
    history.push({ ...when, created_by: `/bin/sh -c #(nop) ${step.instruction} ${step.command}` });
  }
  // gzip writes no name and a zero time unless told to, so the bytes depend on the input alone.
  const layerBytes = tars.map((tar) => gzipSync(tar, { level: 9 }));
  const configBytes = Buffer.from(JSON.stringify({
    architecture,
    os,
    ...(variant === undefined ? {} : { variant }),
    ...when,
    config: { Labels: { 'org.opencontainers.image.source': origin } },
    rootfs: { type: 'layers', diff_ids: tars.map(sha256) },
    history,
  }));
  const config = { mediaType: MEDIA_TYPES.dockerConfig, digest: sha256(configBytes), size: configBytes.length };
  const layers = layerBytes.map((bytes) => ({ mediaType: MEDIA_TYPES.dockerLayer, digest: sha256(bytes), size: bytes.length }));
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.dockerManifest, config, layers }));
  return { digest: sha256(manifest), config, layers, path, history: made, blobs: [configBytes, ...layerBytes], manifest };
}

/**
 * Stores the image `recipe` describes in repository `repoId`: its blobs, linked there (their bytes
 * inline), and its manifest. Call inside a transaction.
 */
export function storeImage(store: Store, repoId: string, recipe: ImageRecipe, now: number): SyntheticImage {
  const { blobs, manifest, ...image } = makeImage(recipe);
  for (const [index, descriptor] of [image.config, ...image.layers].entries()) {
    linkBlob(store, repoId, { digest: descriptor.digest, size: descriptor.size, inline: blobs[index].toString('base64') }, now);
  }
  if (manifestOf(store, repoId, image.digest) === undefined) {
    putManifest(store, repoId, { repoId, digest: image.digest, mediaType: MEDIA_TYPES.dockerManifest, size: manifest.length, content: manifest.toString('base64'), pushedAt: now });
  }
  return image;
}

/**
 * Stores the image of `origin` (`DOCKER_HUB/library/nginx:1.25.3`) for `platform` (`linux/arm64`)
 * in repository `repoId`: one layer, dated `created`. Call inside a transaction.
 */
export function storeSyntheticImage(store: Store, repoId: string, origin: string, platform: string, created: number, now: number): SyntheticImage {
  return storeImage(store, repoId, { origin, platform, created }, now);
}
