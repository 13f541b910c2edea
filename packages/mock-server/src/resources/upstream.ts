// The registries artifact subscription imports from (Docker Hub, GCR, Quay.io), as the mock knows
// them: it reaches no other registry, so what a source repository holds is the seed's
// `upstreamImages` for it, else a default catalogue the same for every repository: tags, when each
// was pushed, and the platforms it has. The image imported is made from the source reference
// (`DOCKER_HUB/library/nginx:1.25.3`), the platform and that time (services/registry/
// synthetic.ts), so the same source tag imported into two repositories, or twice, is the same image.
import { invalidParameter } from './common/errors.js';
import { checkName, checkTag } from './common/names.js';
import { COLLECTIONS, type StateContext } from './common/collections.js';
import type { Params } from './context.js';

export type SourceProvider = Params<'CreateArtifactSubscriptionRule'>['SourceProvider'];

/** The domain of each source registry (GetArtifactSubscriptionRule's SourceDomain). */
export const SOURCE_DOMAINS: Readonly<Record<SourceProvider, string>> = { DOCKER_HUB: 'docker.io', GCR: 'gcr.io', QUAY: 'quay.io' };

/** Docker Hub's namespace of official images, meant when a Docker Hub rule names none. */
export const DOCKER_HUB_LIBRARY = 'library';

/** A tag of a source repository. */
export interface UpstreamImage {
  readonly tag: string;
  /** When it was pushed (ms); default: a day apart in the order listed, from 2024-01-01. */
  readonly createdAt?: number;
  /** The platforms (`os/architecture`) it has an image for; default `linux/amd64`. */
  readonly platforms?: readonly string[];
}

export interface SourceRef {
  readonly SourceProvider: SourceProvider;
  readonly SourceNamespaceName: string;
  readonly SourceRepoName: string;
}

const DAY = 86_400_000;
/** When the default catalogue's first tag was pushed (2024-01-01T00:00:00Z); the others a day apart. */
const CATALOGUE_EPOCH = Date.UTC(2024, 0, 1);
/** The tags of a source repository the seed does not name, oldest first. */
export const DEFAULT_CATALOGUE: readonly string[] = ['1.0.0', '1.1.0', '1.2.0', '2.0.0', '2.1.0', 'latest'];
const DEFAULT_PLATFORMS: readonly string[] = ['linux/amd64', 'linux/arm64'];
/** `os/architecture` or `os/architecture/variant`, lower case, as `docker --platform` names one. */
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;

export const sourceKey = (source: SourceRef): string => `${source.SourceProvider}/${source.SourceNamespaceName}/${source.SourceRepoName}`;

export function checkPlatform(param: string, value: string): string {
  if (!PLATFORM.test(value)) throw invalidParameter(param, 'a platform is os/architecture (or os/architecture/variant), lower case, such as linux/amd64');
  return value;
}

export const platformsOf = (image: UpstreamImage): readonly string[] => image.platforms ?? ['linux/amd64'];

/** Stores the seed's source repositories (`<SourceProvider>/<namespace>/<repository>` -> images), checked. */
export function seedUpstreamImages(context: StateContext, seed: Readonly<Record<string, readonly UpstreamImage[]>>): void {
  for (const [name, images] of Object.entries(seed)) {
    const [provider, namespace, repository, ...rest] = name.split('/');
    if (!(provider in SOURCE_DOMAINS) || namespace === undefined || repository === undefined || rest.length > 0) {
      throw invalidParameter('upstreamImages', `a source repository is named <${Object.keys(SOURCE_DOMAINS).join('|')}>/<namespace>/<repository>`);
    }
    checkName('upstreamImages.namespace', namespace);
    checkName('upstreamImages.repository', repository);
    const tags = new Set<string>();
    for (const image of images) {
      checkTag('upstreamImages.tag', image.tag);
      if (tags.has(image.tag)) throw invalidParameter('upstreamImages.tag', `${name} lists tag ${image.tag} twice`);
      tags.add(image.tag);
      for (const platform of platformsOf(image)) checkPlatform('upstreamImages.platforms', platform);
      if (image.createdAt !== undefined && !Number.isSafeInteger(image.createdAt)) throw invalidParameter('upstreamImages.createdAt', 'a time is milliseconds since the epoch');
    }
    context.store.put(COLLECTIONS.upstreamImages, name, images);
  }
}

/**
 * The images of a source repository, most recently pushed first (then by tag): the seed's, whose
 * images without `createdAt` count as pushed a day apart in the order listed, else the default
 * catalogue, for every platform a rule may ask of it (linux/amd64, linux/arm64).
 */
export function upstreamImages(context: Pick<StateContext, 'store'>, source: SourceRef): UpstreamImage[] {
  const seeded = context.store.get<readonly UpstreamImage[]>(COLLECTIONS.upstreamImages, sourceKey(source));
  const images: UpstreamImage[] = seeded
    ? seeded.map((image, index) => ({ ...image, createdAt: image.createdAt ?? CATALOGUE_EPOCH + index * DAY }))
    : DEFAULT_CATALOGUE.map((tag, index) => ({ tag, createdAt: CATALOGUE_EPOCH + index * DAY, platforms: DEFAULT_PLATFORMS }));
  return images.sort((a, b) => (b.createdAt as number) - (a.createdAt as number) || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}
