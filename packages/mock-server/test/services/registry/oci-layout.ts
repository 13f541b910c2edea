// Builds OCI image layouts on disk for the registry tests: random layers (real gzip-compressed tar
// archives with one file of random bytes), an image config with a history entry per layer, and,
// for several platforms, an image index. Returns the digests so a test can compare what comes back.
// Also what several registry tests share: the Docker media types and a bearer token for a push.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const OCI = {
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  index: 'application/vnd.oci.image.index.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
} as const;

/** Docker's image manifest schema 2 media types. */
export const DOCKER = {
  manifest: 'application/vnd.docker.distribution.manifest.v2+json',
  list: 'application/vnd.docker.distribution.manifest.list.v2+json',
  config: 'application/vnd.docker.container.image.v1+json',
  layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
} as const;

/**
 * A bearer token to pull and push `repository` of the seeded instance, from a server that does not
 * check signatures: GetAuthorizationToken's temporary login, as Basic credentials to /auth.
 */
export async function pushBearer(url: string, repository = 'team/app'): Promise<string> {
  const query = new URLSearchParams({ Action: 'GetAuthorizationToken', Version: '2018-12-01', Format: 'JSON', RegionId: 'cn-hangzhou', InstanceId: 'cri-mock0000000001' });
  const login = (await (await fetch(`${url}/?${query}`)).json()) as { TempUsername: string; AuthorizationToken: string };
  const basic = Buffer.from(`${login.TempUsername}:${login.AuthorizationToken}`).toString('base64');
  const token = await fetch(`${url}/auth?scope=repository:${repository}:pull,push`, { headers: { authorization: `Basic ${basic}` } });
  return `Bearer ${((await token.json()) as { token: string }).token}`;
}

export interface Blob {
  readonly digest: string;
  readonly size: number;
  readonly bytes: Buffer;
}

export const blobOf = (bytes: Buffer): Blob => ({ digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, size: bytes.length, bytes });

/** A ustar archive with one regular file. */
export function tarOf(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string): void => void header.write(value, offset, length, 'ascii');
  field(0, 100, name);
  field(100, 8, '0000644\0');
  field(108, 8, '0000000\0');
  field(116, 8, '0000000\0');
  field(124, 12, `${content.length.toString(8).padStart(11, '0')}\0`);
  field(136, 12, '00000000000\0');
  field(148, 8, '        ');
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  let sum = 0;
  for (const byte of header) sum += byte;
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}

export interface Image {
  readonly manifest: Blob;
  readonly config: Blob;
  readonly layers: readonly Blob[];
  readonly platform: { readonly architecture: string; readonly os: string };
}

export function randomImage(platform: { architecture: string; os: string }, layerSizes: readonly number[], instructions: readonly string[] = []): Image {
  const layers = layerSizes.map((size, i) => blobOf(gzipSync(tarOf(`layer-${i}.bin`, randomBytes(size)))));
  const config = blobOf(
    Buffer.from(
      JSON.stringify({
        created: '2026-01-02T03:04:05Z',
        architecture: platform.architecture,
        os: platform.os,
        config: { Cmd: ['/bin/sh'] },
        rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) },
        history: layers.map((_, i) => ({ created: '2026-01-02T03:04:05Z', created_by: instructions[i] ?? `RUN /bin/sh -c make layer-${i} # buildkit` })),
      }),
    ),
  );
  const manifest = blobOf(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI.manifest,
        config: { mediaType: OCI.config, digest: config.digest, size: config.size },
        layers: layers.map((l) => ({ mediaType: OCI.layer, digest: l.digest, size: l.size })),
      }),
    ),
  );
  return { manifest, config, layers, platform };
}

export function indexOf(images: readonly Image[]): Blob {
  return blobOf(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI.index,
        manifests: images.map((image) => ({ mediaType: OCI.manifest, digest: image.manifest.digest, size: image.manifest.size, platform: image.platform })),
      }),
    ),
  );
}

/**
 * Writes an OCI layout holding `ref` -> the image (or the index of several images) at `dir`.
 * Returns the digest `ref` points at.
 */
export function writeLayout(dir: string, ref: string, images: readonly Image[], index?: Blob): string {
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = (blob: Blob): void => writeFileSync(join(dir, 'blobs', 'sha256', blob.digest.slice(7)), blob.bytes);
  for (const image of images) for (const blob of [image.manifest, image.config, ...image.layers]) put(blob);
  const top = index ?? images[0].manifest;
  if (index !== undefined) put(index);
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: index === undefined ? OCI.manifest : OCI.index, digest: top.digest, size: top.size, annotations: { 'org.opencontainers.image.ref.name': ref } }],
    }),
  );
  return top.digest;
}
