// The OCI distribution API (`/v2/`) and its token endpoint (`/auth`), on the server's own address:
// the registry of the instance whose registry domain the Host header names, else of the server's
// default instance (the first by InstanceId). It shares the server's
// store, clock and reset with the API: a manifest pushed under a tag is that tag for ListRepoTag,
// GetRepoTag(Manifest, Layers) and the scans; a namespace with AutoCreateRepo gets the repository
// on the first push, another refuses it (DENIED); DeleteRepoTag removes the tag from here too.
//
// Served now: the version check; blob uploads (monolithic POST ?digest=, chunked POST / PATCH with
// Content-Range / PUT ?digest=, status, cancel; with a state file they resume after a restart:
// uploads.ts); blob HEAD and GET; manifests PUT, GET and HEAD by
// tag and by digest (OCI image manifests and indexes, Docker schema 2 manifests and lists); tags
// list with n / last. Every request needs a bearer token from `/auth` with the scope its action
// needs (GET and HEAD: pull; the rest: push); a failure is answered in the specification's error
// shape and changes nothing.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { PathService, ServiceRequest } from '../../runtime/http/mount.js';
import { policiesFor } from '../../runtime/callers/signature.js';
import { authorizeAll } from '../../runtime/policy/ram.js';
import { headerOf } from '../../runtime/http/request.js';
import { asMockError } from '../../runtime/http/respond.js';
import type { ServerState } from '../../runtime/operate/state.js';
import type { Store } from '../../store/store.js';
import { COLLECTIONS, key, prefix } from '../../resources/common/collections.js';
import { MEDIA_TYPES } from '../../resources/common/media-types.js';
import { findNamespace, findRepoByName } from '../../resources/common/lookup.js';
import type { LayerRecord, TagRecord } from '../../resources/images.js';
import type { InstanceRecord } from '../../resources/instances.js';
import { storeTag } from '../../resources/push.js';
import { createRepository, pushedRepository, tagsImmutable, type RepositoryRecord } from '../../resources/repositories.js';
import { settleRepository } from '../../resources/settle.js';
import { BEARER_TTL_MS, BearerTokens, grantFor, parseScopes, RAM_ACTIONS, serviceName, validCredentials, type Action, type Grant, type RamCheck } from './auth.js';
import { DiskContent, MemoryContent, newUpload, SHA256_DIGEST, TooLarge, type BlobContent, type Upload } from './blobs.js';
import { blobOf, deleteManifest, linkBlob, linkedBlob, manifestOf, manifestsOf, putManifest, unlinkBlob, type ManifestRecord } from './content.js';
import { blobUnknown, denied, digestInvalid, errorBody, manifestUnknown, nameInvalid, nameUnknown, RegistryError, sizeInvalid, unsupported, uploadUnknown } from './errors.js';
import { collectGarbage, type GcResult } from './gc.js';
import { UploadJournal } from './uploads.js';
import { imageFactsOf, parseManifest, primaryOf, referrerOf, type ParsedManifest } from './manifests.js';

export const REGISTRY_PREFIX = '/v2';
export const TOKEN_PATH = '/auth';

export interface RegistryOptions {
  /** Where blob content goes (beside the state file); undefined: in memory. */
  readonly blobDir?: string;
}

/** Largest manifest accepted (as distribution/distribution). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** Largest blob: in memory 1 GiB, on disk 64 GiB. */
export const MAX_BLOB_BYTES = { memory: 1024 ** 3, disk: 64 * 1024 ** 3 } as const;
/** Uploads in progress at once (each holds a file or memory until finished or cancelled). */
const MAX_UPLOADS = 1_000;
/** How often garbage is collected besides after each DELETE (real time). */
const GC_INTERVAL_MS = 60_000;
/** Config blobs read to show an image's platform and layer history in the API. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** A repository path component of the OCI specification; names here are `namespace/repository`. */
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const ROUTE = /^\/v2\/(.+?)\/(tags\/list|manifests\/([^/]+)|blobs\/uploads\/([^/]*)|blobs\/([^/]+)|referrers\/([^/]+))$/;

type Route =
  | { readonly kind: 'version' }
  | { readonly kind: 'tags'; readonly name: string }
  | { readonly kind: 'manifest'; readonly name: string; readonly reference: string }
  | { readonly kind: 'upload'; readonly name: string; readonly id: string }
  | { readonly kind: 'blob'; readonly name: string; readonly digest: string }
  | { readonly kind: 'referrers'; readonly name: string; readonly digest: string };

const METHODS: Readonly<Record<Route['kind'], readonly string[]>> = {
  version: ['GET', 'HEAD'],
  tags: ['GET', 'HEAD'],
  manifest: ['GET', 'HEAD', 'PUT', 'DELETE'],
  upload: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
  blob: ['GET', 'HEAD', 'DELETE'],
  referrers: ['GET'],
};

interface Target {
  readonly instance: InstanceRecord;
  readonly namespace: string;
  readonly repository: string;
  readonly name: string;
}

export class RegistryService implements PathService {
  readonly streamsBodies = true;
  readonly #state: ServerState;
  readonly #tokens = new BearerTokens();
  /** Uploads in progress this process has seen (with a state file, the store's records are the rest: uploads.ts). */
  readonly #uploads = new Map<string, Upload>();
  /** With a state file: the uploads' records, which make them survive a restart. */
  readonly #journal: UploadJournal | undefined;
  /** Uploads being resumed after a restart (their bytes hashed again), so that two requests hash once. */
  readonly #resuming = new Map<string, Promise<Upload | undefined>>();
  readonly #content: BlobContent;
  readonly #maxBlobBytes: number;
  /** Digests whose verified content is being linked: garbage collection leaves their content alone. */
  readonly #committing = new Set<string>();

  constructor(state: ServerState, options: RegistryOptions = {}) {
    this.#state = state;
    const disk = options.blobDir === undefined ? undefined : new DiskContent(options.blobDir);
    this.#content = disk ?? new MemoryContent();
    this.#journal = disk === undefined ? undefined : new UploadJournal(disk.uploadsDir, () => this.#state.store);
    // Uploads a previous process left: resumable ones kept, the rest gone (uploads.ts).
    state.onOpen(() => this.#journal?.reconcile(state.clock.now()));
    this.#maxBlobBytes = options.blobDir === undefined ? MAX_BLOB_BYTES.memory : MAX_BLOB_BYTES.disk;
    state.onReset(() => {
      this.#tokens.clear();
      this.#uploads.clear();
      this.#resuming.clear();
      this.#content.clear();
    });
    this.#scheduleGc();
  }

  #scheduleGc(): void {
    const state = this.#state;
    const timer = setTimeout(() => {
      state.timers.delete(timer);
      if (state.stopped) return;
      try {
        this.collectGarbage();
        this.#purgeExpiredUploads();
      } catch (error) {
        state.internalError(error, 'registry garbage collection');
      }
      this.#scheduleGc();
    }, GC_INTERVAL_MS);
    timer.unref();
    state.timers.add(timer);
  }

  /**
   * Removes what nothing refers to (gc.ts): manifests no tag, index or subject keeps, blob links no
   * kept manifest names, blobs no repository links, and their content. Runs after every DELETE,
   * every minute, and when called.
   */
  collectGarbage(): GcResult {
    const result = this.#store.transaction(() => collectGarbage(this.#store, this.#state.clock.now()));
    for (const digest of result.blobs) if (!this.#committing.has(digest)) this.#content.remove(digest);
    return result;
  }

  /** Purges the uploads untouched for UPLOAD_EXPIRY_MS (with a state file; in memory they stay until a restart). */
  #purgeExpiredUploads(): void {
    // One a request is writing to now is not untouched: it stays.
    for (const id of this.#journal?.purgeExpired(this.#state.clock.now(), (id) => this.#uploads.get(id)?.busy === true) ?? []) this.#uploads.delete(id);
  }

  serves(path: string): boolean {
    return path === REGISTRY_PREFIX || path.startsWith(`${REGISTRY_PREFIX}/`) || path === TOKEN_PATH;
  }

  handle(req: ServiceRequest, res: ServerResponse): void {
    res.setHeader('docker-distribution-api-version', 'registry/2.0');
    this.#answer(req, res).then(
      () => this.#state.log?.(`${req.method} ${req.path} ${res.statusCode}`),
      (error: unknown) => {
        this.#fail(req, res, error);
        this.#state.log?.(`${req.method} ${req.path} ${res.statusCode}`);
      },
    );
  }

  #fail(req: ServiceRequest, res: ServerResponse, error: unknown): void {
    let failure: RegistryError;
    if (error instanceof RegistryError) failure = error;
    else if (error instanceof TooLarge) failure = new RegistryError(413, 'SIZE_INVALID', error.message);
    else if (req.body?.destroyed === true || res.destroyed) return; // the client went away: no one to answer
    else {
      const known = asMockError(error);
      if (known !== undefined) failure = denied(`${known.code}: ${known.message}`);
      else {
        this.#state.internalError(error, `${req.method} ${req.path}`);
        failure = new RegistryError(500, 'UNSUPPORTED', 'internal error');
      }
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = errorBody(failure);
    // A body the request still has is not worth reading: the connection closes after the answer.
    if (req.body !== undefined && !req.body.complete) res.shouldKeepAlive = false;
    res.writeHead(failure.status, { ...failure.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  get #store(): Store {
    return this.#state.store;
  }

  /**
   * The instance a request is for: the one whose registry domain (`<InstanceName>-registry[-vpc].
   * <RegionId>.cr.aliyuncs.com`, as GetInstanceEndpoint names it) the Host header names, else the
   * default instance (the first by InstanceId).
   */
  #instance(req: ServiceRequest): InstanceRecord {
    const instances = this.#store.list<InstanceRecord>(COLLECTIONS.instances);
    const host = hostOf(req).toLowerCase().replace(/:[0-9]+$/, '');
    const named = instances.find((i) => [`${i.InstanceName}-registry.${i.RegionId}.cr.aliyuncs.com`, `${i.InstanceName}-registry-vpc.${i.RegionId}.cr.aliyuncs.com`].includes(host));
    const instance = named ?? instances[0];
    if (instance === undefined) throw new RegistryError(404, 'NAME_UNKNOWN', 'the server has no instance');
    return instance;
  }

  async #answer(req: ServiceRequest, res: ServerResponse): Promise<void> {
    const now = this.#state.clock.now();
    if (req.path === TOKEN_PATH) return this.#token(req, res, now);
    const route = routeOf(req.path);
    if (!METHODS[route.kind].includes(req.method)) throw unsupported(`${req.method} is not supported on this endpoint`);
    const instance = this.#instance(req);
    const service = serviceName(instance.RegionId, instance.InstanceId);
    const realm = `${req.secure ? 'https' : 'http'}://${hostOf(req)}${TOKEN_PATH}`;
    const grant = this.#tokens.grantOf(headerOf(req.headers, 'authorization'), now);
    if (route.kind === 'version') {
      if (grant === undefined || grant.instanceId !== instance.InstanceId) throw challenge(realm, service, undefined, 'authentication required');
      return send(res, req, 200, { 'content-type': 'application/json' }, '{}');
    }
    const action: Action = req.method === 'GET' || req.method === 'HEAD' ? 'pull' : 'push';
    const refusal = grant?.refused.get(route.name)?.get(action);
    if (grant?.instanceId === instance.InstanceId && refusal !== undefined) throw denied(refusal);
    if (grant === undefined || grant.instanceId !== instance.InstanceId || grant.access.get(route.name)?.has(action) !== true) {
      throw challenge(realm, service, `repository:${route.name}:${action === 'pull' ? 'pull' : 'pull,push'}`, grant === undefined ? 'authentication required' : `the token does not grant ${action} on ${route.name}`);
    }
    if (instance.InstanceStatus !== 'RUNNING') throw denied(`the instance is ${instance.InstanceStatus}, not RUNNING`);
    const target = targetOf(instance, route.name);
    switch (route.kind) {
      case 'tags':
        return this.#tags(req, res, target);
      case 'manifest':
        if (req.method === 'PUT') return this.#putManifest(req, res, target, route.reference);
        if (req.method === 'DELETE') return this.#deleteManifest(req, res, target, route.reference);
        return this.#getManifest(req, res, target, route.reference);
      case 'blob':
        return req.method === 'DELETE' ? this.#deleteBlob(req, res, target, route.digest) : this.#getBlob(req, res, target, route.digest);
      case 'upload':
        return this.#upload(req, res, target, route.id, grant);
      case 'referrers':
        return this.#referrers(req, res, target, route.digest);
    }
  }

  // ---- token endpoint ----

  #token(req: ServiceRequest, res: ServerResponse, now: number): void {
    if (req.method !== 'GET') throw unsupported('the token endpoint answers GET');
    req.body?.resume();
    const params = new URLSearchParams(req.query);
    const service = params.get('service');
    // The service of the challenge names the instance; without one, the Host decides.
    const instance = service === null ? this.#instance(req) : this.#store.list<InstanceRecord>(COLLECTIONS.instances).find((i) => serviceName(i.RegionId, i.InstanceId) === service);
    if (instance === undefined) throw new RegistryError(400, 'UNSUPPORTED', 'unknown service: use the one of the challenge');
    const scopes = parseScopes(params.getAll('scope'));
    const authorization = headerOf(req.headers, 'authorization');
    let until = Infinity;
    // Without a key (the login password, a temporary token asked for by a request whose signature was
    // not verified) the server's policy applies.
    let policies = policiesFor(undefined, this.#state.policy);
    if (authorization !== undefined) {
      const unauthorized = (why: string): RegistryError => new RegistryError(401, 'UNAUTHORIZED', why, { 'www-authenticate': `Basic realm="${instance.InstanceId}"` });
      const valid = validCredentials(this.#store, instance.InstanceId, authorization, now);
      if (valid === undefined) throw unauthorized('the user name or password is wrong, or the temporary token has expired');
      until = valid.until;
      if (valid.keyId !== undefined) {
        // The temporary token carries the identity that asked for it: an STS role session's token
        // is held to the session's policies and lasts no longer than the session, as its API calls.
        const key = this.#state.keyOf(valid.keyId);
        if (key === undefined || now >= key.validUntil()) throw unauthorized('the temporary token was issued to a role session that has expired or that the server no longer knows');
        until = Math.min(until, key.validUntil());
        policies = policiesFor(key, this.#state.policy);
      }
    }
    const expiresAt = Math.min(now + BEARER_TTL_MS, until);
    const ram: RamCheck = (action, name) => {
      const resource = `acs:cr:${instance.RegionId}:${this.#state.accountId}:repository/${instance.InstanceId}/${name}`;
      const decision = authorizeAll(policies, RAM_ACTIONS[action], resource);
      return decision.allowed ? undefined : `the RAM policy does not allow ${RAM_ACTIONS[action]} on ${resource}: ${decision.why}`;
    };
    const granted = grantFor(this.#store, instance.InstanceId, authorization !== undefined, scopes, ram);
    const token = this.#tokens.issue({ instanceId: instance.InstanceId, ...granted, expiresAt }, now);
    const body = JSON.stringify({ token, access_token: token, expires_in: Math.floor((expiresAt - now) / 1000), issued_at: new Date(now).toISOString() });
    send(res, req, 200, { 'content-type': 'application/json' }, body);
  }

  // ---- repositories ----

  /**
   * The repository to read: NAME_UNKNOWN when it does not exist. What happened in it since it was
   * last read (finished builds' images, accelerated images, imports, retention runs) is made real
   * first, as the API does before it reads a repository's images, so both see one state.
   */
  #repoToRead(target: Target): RepositoryRecord {
    const store = this.#store;
    const repo = this.#repo(target);
    store.transaction(() => settleRepository({ store, now: this.#state.clock.now() }, repo));
    return repo;
  }

  /**
   * The repository, not settled: for blob reads (the hot path of a pull), blob deletes and an
   * upload's final PUT, which need only its RepoId. A blob is named by a digest the client read in a
   * manifest, whose read settled the repository already; an upload was started in the repository.
   */
  #repo(target: Target): RepositoryRecord {
    const repo = findRepoByName({ store: this.#store }, target.instance.InstanceId, target.namespace, target.repository);
    if (repo === undefined) throw nameUnknown(target.name);
    return repo;
  }

  /**
   * The repository to push to, created when the namespace has AutoCreateRepo on (with its default
   * type and configuration), as a push to the service does. Call inside a transaction.
   */
  #repoToPush(target: Target, now: number): RepositoryRecord {
    const store = this.#store;
    const { instance, namespace, repository } = target;
    const existing = findRepoByName({ store }, instance.InstanceId, namespace, repository);
    if (existing !== undefined) return existing;
    const ns = findNamespace({ store }, instance.InstanceId, namespace);
    if (ns === undefined) throw nameUnknown(target.name);
    if (!ns.AutoCreateRepo) throw denied(`repository ${target.name} does not exist and namespace ${namespace} does not create repositories on push (AutoCreateRepo is off)`);
    return createRepository({ store, now }, pushedRepository(instance, ns, repository));
  }

  // ---- tags ----

  #tags(req: ServiceRequest, res: ServerResponse, target: Target): void {
    const repo = this.#repoToRead(target);
    const params = new URLSearchParams(req.query);
    const n = params.get('n');
    const last = params.get('last');
    if (n !== null && !/^[0-9]{1,9}$/.test(n)) throw new RegistryError(400, 'UNSUPPORTED', 'n must be a whole number (0 to 999999999)');
    let tags = this.#store.list<TagRecord>(COLLECTIONS.tags, prefix(repo.RepoId)).map((t) => t.Tag);
    if (last !== null) tags = tags.filter((t) => t > last);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (n !== null) {
      const limit = Number(n);
      if (tags.length > limit && limit > 0) headers.link = `</v2/${target.name}/tags/list?n=${limit}&last=${encodeURIComponent(tags[limit - 1])}>; rel="next"`;
      tags = tags.slice(0, limit);
    }
    send(res, req, 200, headers, JSON.stringify({ name: target.name, tags }));
  }

  // ---- manifests ----

  #manifestByReference(repo: RepositoryRecord, reference: string): ManifestRecord {
    let digest = reference;
    if (!reference.includes(':')) {
      if (!TAG.test(reference)) throw new RegistryError(400, 'TAG_INVALID', 'a tag is 1 to 128 of A-Z a-z 0-9 _ . - (not starting with . or -)');
      const tag = this.#store.get<TagRecord>(COLLECTIONS.tags, key(repo.RepoId, reference));
      if (tag === undefined) throw manifestUnknown(reference);
      digest = `sha256:${tag.Digest}`;
    }
    const manifest = manifestOf(this.#store, repo.RepoId, digest);
    if (manifest === undefined) throw manifestUnknown(reference.includes(':') ? reference : `${reference} (${digest}): its image is in the API only (a seed fixture that pins a digest or a size: resources README, Seed)`);
    return manifest;
  }

  #getManifest(req: ServiceRequest, res: ServerResponse, target: Target, reference: string): void {
    const repo = this.#repoToRead(target);
    const manifest = this.#manifestByReference(repo, reference);
    const bytes = Buffer.from(manifest.content, 'base64');
    send(res, req, 200, { 'content-type': manifest.mediaType, 'docker-content-digest': manifest.digest }, bytes);
  }

  async #putManifest(req: ServiceRequest, res: ServerResponse, target: Target, reference: string): Promise<void> {
    const isDigest = reference.includes(':');
    if (isDigest && !SHA256_DIGEST.test(reference)) throw digestInvalid('a manifest is pushed by tag or by a sha256 digest (sha256: and 64 lower-case hex digits)');
    if (!isDigest && !TAG.test(reference)) throw new RegistryError(400, 'TAG_INVALID', 'a tag is 1 to 128 of A-Z a-z 0-9 _ . - (not starting with . or -)');
    const bytes = await readAll(req.body, MAX_MANIFEST_BYTES);
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (isDigest && digest !== reference) throw digestInvalid(`the manifest's digest is ${digest}, not the one in the URL`);
    const parsed = parseManifest(bytes, headerOf(req.headers, 'content-type'));
    const repo = this.#repoToRead(target);
    this.#checkReferences(repo, parsed);
    const facts = isDigest ? undefined : await this.#tagFacts(repo, parsed);
    const now = this.#state.clock.now();
    this.#store.transaction(() => {
      const pushed = this.#repoToPush(target, now);
      if (pushed.RepoId !== repo.RepoId) throw nameUnknown(target.name); // deleted and made again meanwhile
      if (!isDigest && tagsImmutable(pushed)) {
        const existing = this.#store.get<TagRecord>(COLLECTIONS.tags, key(repo.RepoId, reference));
        if (existing !== undefined && `sha256:${existing.Digest}` !== digest) throw denied(`the tags of ${target.name} are immutable: ${reference} already names ${`sha256:${existing.Digest}`}`);
      }
      putManifest(this.#store, repo.RepoId, {
        repoId: repo.RepoId,
        digest,
        mediaType: parsed.mediaType,
        size: bytes.length,
        content: bytes.toString('base64'),
        ...(parsed.subject === undefined ? {} : { subject: parsed.subject.digest }),
        pushedAt: now,
      });
      if (facts !== undefined) storeTag({ store: this.#store, now }, repo, tagRecordOf(repo, reference, digest, facts, now));
    });
    const headers: Record<string, string> = { location: `/v2/${target.name}/manifests/${digest}`, 'docker-content-digest': digest, 'content-length': '0' };
    if (parsed.subject !== undefined) headers['oci-subject'] = parsed.subject.digest;
    send(res, req, 201, headers);
  }

  /**
   * By digest: the manifest and every tag that points at it. By tag: the tag alone (as
   * DeleteRepoTag, whose effects it shares: the tag's latest scan goes with it).
   */
  #deleteManifest(req: ServiceRequest, res: ServerResponse, target: Target, reference: string): void {
    const repo = this.#repoToRead(target);
    const store = this.#store;
    const manifest = this.#manifestByReference(repo, reference);
    store.transaction(() => {
      const tags = store.list<TagRecord>(COLLECTIONS.tags, prefix(repo.RepoId));
      const doomed = reference.includes(':') ? tags.filter((t) => `sha256:${t.Digest}` === manifest.digest) : tags.filter((t) => t.Tag === reference);
      for (const tag of doomed) {
        store.delete(COLLECTIONS.tags, key(repo.RepoId, tag.Tag));
        store.delete(COLLECTIONS.scans, key(repo.RepoId, tag.Tag));
      }
      if (reference.includes(':')) deleteManifest(store, repo.RepoId, manifest.digest);
    });
    this.collectGarbage();
    send(res, req, 202, { 'content-length': '0' });
  }

  /** The manifests of the repository whose subject is `digest`, as an OCI index (filtered by ?artifactType=). */
  #referrers(req: ServiceRequest, res: ServerResponse, target: Target, digest: string): void {
    const repo = this.#repoToRead(target);
    checkDigest(digest);
    const wanted = new URLSearchParams(req.query).get('artifactType');
    const manifests = manifestsOf(this.#store, repo.RepoId)
      .filter((m) => m.subject === digest)
      .map((m) => referrerOf(m))
      .filter((d) => wanted === null || d.artifactType === wanted);
    const headers: Record<string, string> = { 'content-type': MEDIA_TYPES.ociIndex };
    if (wanted !== null) headers['oci-filters-applied'] = 'artifactType';
    send(res, req, 200, headers, JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests }));
  }

  /** Every blob an image manifest names (but foreign layers), every manifest an index names, must be in the repository. */
  #checkReferences(repo: RepositoryRecord, parsed: ParsedManifest): void {
    const store = this.#store;
    if (parsed.kind === 'image') {
      for (const descriptor of [parsed.config, ...parsed.layers]) {
        if (descriptor.foreign) continue;
        const blob = linkedBlob(store, repo.RepoId, descriptor.digest);
        if (blob === undefined) throw new RegistryError(400, 'MANIFEST_BLOB_UNKNOWN', `blob ${descriptor.digest} is not in the repository: push it first`);
        if (blob.size !== descriptor.size) throw new RegistryError(400, 'MANIFEST_INVALID', `the manifest gives blob ${descriptor.digest} ${descriptor.size} bytes; it has ${blob.size}`);
      }
      return;
    }
    for (const descriptor of parsed.manifests) {
      const manifest = manifestOf(store, repo.RepoId, descriptor.digest);
      if (manifest === undefined) throw new RegistryError(400, 'MANIFEST_BLOB_UNKNOWN', `manifest ${descriptor.digest} is not in the repository: push it first`);
      if (manifest.size !== descriptor.size) throw new RegistryError(400, 'MANIFEST_INVALID', `the index gives manifest ${descriptor.digest} ${descriptor.size} bytes; it has ${manifest.size}`);
    }
  }

  /** What the API shows of a tag: the image's (an index's: its linux/amd64 image, else its first). */
  async #tagFacts(repo: RepositoryRecord, parsed: ParsedManifest): Promise<TagFacts> {
    let image = parsed;
    if (image.kind === 'index') {
      const primary = primaryOf(image.manifests);
      const child = primary === undefined ? undefined : manifestOf(this.#store, repo.RepoId, primary.digest);
      const childParsed = child === undefined ? undefined : parseManifest(Buffer.from(child.content, 'base64'), child.mediaType);
      if (childParsed === undefined || childParsed.kind !== 'image') {
        return { facts: imageFactsOf(undefined), config: undefined, layers: [], platform: primary?.platform };
      }
      image = childParsed;
    }
    const inline = blobOf(this.#store, image.config.digest)?.inline;
    const config = inline !== undefined ? Buffer.from(inline, 'base64') : await this.#content.readSmall(image.config.digest, MAX_CONFIG_BYTES);
    return { facts: imageFactsOf(config), config: image.config, layers: image.layers, platform: undefined };
  }

  // ---- blobs ----

  #getBlob(req: ServiceRequest, res: ServerResponse, target: Target, digest: string): void {
    const repo = this.#repo(target);
    checkDigest(digest);
    const blob = linkedBlob(this.#store, repo.RepoId, digest);
    if (blob === undefined) throw blobUnknown(digest);
    const headers: Record<string, string> = { 'content-type': 'application/octet-stream', 'docker-content-digest': digest, 'content-length': String(blob.size), 'accept-ranges': 'bytes' };
    if (req.method === 'HEAD') return send(res, req, 200, headers);
    const range = rangeOf(headerOf(req.headers, 'range'), blob.size);
    if (range === 'unsatisfiable') {
      throw new RegistryError(416, 'UNSUPPORTED', `the range is not within the blob's ${blob.size} bytes`, { 'content-range': `bytes */${blob.size}` });
    }
    if (range !== undefined) {
      headers['content-length'] = String(range.end - range.start + 1);
      headers['content-range'] = `bytes ${range.start}-${range.end}/${blob.size}`;
    }
    res.writeHead(range === undefined ? 200 : 206, headers);
    if (blob.inline !== undefined) {
      const bytes = Buffer.from(blob.inline, 'base64');
      res.end(range === undefined ? bytes : bytes.subarray(range.start, range.end + 1));
      return;
    }
    // Headers are sent: a failure half-way (the file went, the client hung up) can only cut the connection.
    this.#content.send(digest, blob.size, res, range).catch(() => res.destroy());
  }

  /** Unlinks the blob from the repository (its content stays while another repository holds it). */
  #deleteBlob(req: ServiceRequest, res: ServerResponse, target: Target, digest: string): void {
    const repo = this.#repo(target);
    checkDigest(digest);
    if (linkedBlob(this.#store, repo.RepoId, digest) === undefined) throw blobUnknown(digest);
    this.#store.transaction(() => unlinkBlob(this.#store, repo.RepoId, digest));
    this.collectGarbage();
    send(res, req, 202, { 'content-length': '0' });
  }

  // ---- uploads ----

  async #upload(req: ServiceRequest, res: ServerResponse, target: Target, id: string, grant: Grant): Promise<void> {
    if (id === '') {
      if (req.method !== 'POST') throw unsupported(`${req.method} needs an upload's location`);
      return this.#startUpload(req, res, target, grant);
    }
    if (req.method === 'POST') throw unsupported('POST starts an upload at /v2/<name>/blobs/uploads/');
    const upload = await this.#uploadOf(id);
    if (upload === undefined || upload.name !== target.name) throw uploadUnknown();
    if (upload.busy) throw new RegistryError(400, 'BLOB_UPLOAD_INVALID', 'another request is writing to this upload');
    switch (req.method) {
      case 'GET':
        this.#journal?.record(upload, this.#state.clock.now());
        return send(res, req, 204, uploadHeaders(target, upload));
      case 'DELETE':
        this.#uploads.delete(id);
        // The record goes, then the file (once, without blocking the process); a file left without
        // a record is removed at start.
        this.#journal?.drop(id);
        await this.#content.discard(upload);
        return send(res, req, 204, { 'content-length': '0' });
      case 'PATCH':
        return this.#patch(req, res, target, upload);
      default:
        return this.#finish(req, res, target, upload);
    }
  }

  /**
   * The upload `id`: one this process holds, else (with a state file) resumed from its record after
   * a restart, its bytes hashed again once. Undefined when there is none, or it has expired (then
   * purged).
   */
  async #uploadOf(id: string): Promise<Upload | undefined> {
    const held = this.#uploads.get(id);
    const journal = this.#journal;
    if (journal === undefined) return held;
    const record = journal.get(id);
    if (record === undefined) return undefined;
    if (held?.busy !== true && journal.expired(record, this.#state.clock.now())) {
      this.#uploads.delete(id);
      journal.purge(id);
      return undefined;
    }
    if (held !== undefined) return held;
    let resuming = this.#resuming.get(id);
    if (resuming === undefined) {
      resuming = journal.resume(record).then(
        (upload) => {
          // A reset or a cancel while hashing leaves nothing to resume.
          if (upload !== undefined && this.#resuming.get(id) === resuming && journal.get(id) !== undefined) this.#uploads.set(id, upload);
          this.#resuming.delete(id);
          return this.#uploads.get(id);
        },
        (error: unknown) => {
          this.#resuming.delete(id);
          throw error;
        },
      );
      this.#resuming.set(id, resuming);
    }
    return resuming;
  }

  async #startUpload(req: ServiceRequest, res: ServerResponse, target: Target, grant: Grant): Promise<void> {
    const params = new URLSearchParams(req.query);
    const digest = params.get('digest');
    if (digest !== null) checkDigest(digest);
    // The repository exists (or is created) before the first byte is taken.
    const repo = this.#store.transaction(() => this.#repoToPush(target, this.#state.clock.now()));
    const mounted = this.#mount(repo, params.get('mount'), params.get('from'), grant, target.instance);
    if (mounted !== undefined) {
      req.body?.resume();
      return send(res, req, 201, { location: `/v2/${target.name}/blobs/${mounted}`, 'docker-content-digest': mounted, 'content-length': '0' });
    }
    if ((this.#journal?.count() ?? this.#uploads.size) >= MAX_UPLOADS) throw new RegistryError(429, 'TOOMANYREQUESTS', `too many uploads in progress (${MAX_UPLOADS}): finish or cancel some`);
    const upload = newUpload(repo.RepoId, target.name, this.#state.clock.now());
    if (digest === null) {
      // A mount that could not be made is answered with an upload session, as the specification says.
      req.body?.resume();
      this.#uploads.set(upload.id, upload);
      this.#journal?.record(upload, this.#state.clock.now());
      return send(res, req, 202, uploadHeaders(target, upload));
    }
    upload.busy = true;
    try {
      await this.#content.append(upload, bodyOf(req), this.#maxBlobBytes);
      await this.#commit(upload, digest, repo);
    } finally {
      await this.#content.discard(upload);
    }
    send(res, req, 201, { location: `/v2/${target.name}/blobs/${digest}`, 'docker-content-digest': digest, 'content-length': '0' });
  }

  async #patch(req: ServiceRequest, res: ServerResponse, target: Target, upload: Upload): Promise<void> {
    checkContentRange(req, target, upload);
    upload.busy = true;
    try {
      await this.#content.append(upload, bodyOf(req), this.#maxBlobBytes);
    } finally {
      upload.busy = false;
    }
    // Recorded before it is acknowledged: after a restart the upload resumes at this size.
    this.#journal?.record(upload, this.#state.clock.now());
    send(res, req, 202, uploadHeaders(target, upload));
  }

  async #finish(req: ServiceRequest, res: ServerResponse, target: Target, upload: Upload): Promise<void> {
    const digest = new URLSearchParams(req.query).get('digest');
    if (digest === null) throw digestInvalid('finishing an upload needs ?digest=');
    checkDigest(digest);
    const repo = this.#repo(target);
    if (repo.RepoId !== upload.repoId) throw uploadUnknown();
    checkContentRange(req, target, upload);
    const size = upload.size;
    const hash = upload.hash.copy();
    upload.busy = true;
    try {
      await this.#content.append(upload, bodyOf(req), this.#maxBlobBytes);
      await this.#commit(upload, digest, repo);
    } catch (error) {
      if (this.#uploads.has(upload.id)) await this.#content.rollback(upload, size, hash);
      throw error;
    } finally {
      upload.busy = false;
    }
    this.#uploads.delete(upload.id);
    send(res, req, 201, { location: `/v2/${target.name}/blobs/${digest}`, 'docker-content-digest': digest, 'content-length': '0' });
  }

  /**
   * Cross-repository mount: the blob `digest` of repository `from` (of the same instance, which the
   * token must let the caller pull) linked into `repo` without an upload. Undefined when it cannot
   * be mounted (no `from`, not granted, not there): the caller then starts an ordinary upload.
   */
  #mount(repo: RepositoryRecord, digest: string | null, from: string | null, grant: Grant, instance: InstanceRecord): string | undefined {
    if (digest === null || from === null || !SHA256_DIGEST.test(digest) || grant.access.get(from)?.has('pull') !== true) return undefined;
    const slash = from.indexOf('/');
    const source = slash < 0 ? undefined : findRepoByName({ store: this.#store }, instance.InstanceId, from.slice(0, slash), from.slice(slash + 1));
    const blob = source === undefined ? undefined : linkedBlob(this.#store, source.RepoId, digest);
    if (blob === undefined) return undefined;
    this.#store.transaction(() => linkBlob(this.#store, repo.RepoId, blob, this.#state.clock.now()));
    return digest;
  }

  /** Verifies the upload against `digest` and, when it matches, records the blob in the repository. */
  async #commit(upload: Upload, digest: string, repo: RepositoryRecord): Promise<void> {
    this.#committing.add(digest);
    try {
      const size = await this.#content.commit(upload, digest);
      if (size < 0) throw digestInvalid(`the uploaded content does not have the digest ${digest}`);
      this.#store.transaction(() => {
        const known = blobOf(this.#store, digest);
        linkBlob(this.#store, repo.RepoId, { digest, size: known?.size ?? size }, this.#state.clock.now());
        this.#journal?.forget(upload.id);
      });
    } finally {
      this.#committing.delete(digest);
    }
  }
}

interface TagFacts {
  readonly facts: ReturnType<typeof imageFactsOf>;
  readonly config: { readonly mediaType: string; readonly digest: string; readonly size: number } | undefined;
  readonly layers: readonly { readonly mediaType: string; readonly digest: string; readonly size: number }[];
  readonly platform: { readonly architecture?: string; readonly os?: string } | undefined;
}

/** The tag the API shows for a pushed manifest: its real digest, config, layers and size. */
function tagRecordOf(repo: RepositoryRecord, tag: string, digest: string, { facts, config, layers, platform }: TagFacts, now: number): TagRecord {
  const layerRecords: LayerRecord[] = layers.map((layer, index) => ({
    mediaType: layer.mediaType,
    digest: layer.digest,
    size: layer.size,
    instruction: facts.history[index]?.instruction ?? (index === 0 ? 'ADD' : 'RUN'),
    command: facts.history[index]?.command ?? '',
  }));
  const configRecord = config ?? { mediaType: MEDIA_TYPES.ociConfig, digest, size: 0 };
  return {
    RepoId: repo.RepoId,
    Tag: tag,
    Digest: digest.slice('sha256:'.length),
    ImageId: configRecord.digest.slice(configRecord.digest.indexOf(':') + 1),
    Status: 'NORMAL',
    ImageSize: configRecord.size + layerRecords.reduce((sum, l) => sum + l.size, 0),
    ImageCreate: facts.created ?? now,
    ImageUpdate: now,
    architecture: platform?.architecture ?? facts.architecture,
    os: platform?.os ?? facts.os,
    config: { mediaType: configRecord.mediaType, digest: configRecord.digest, size: configRecord.size },
    layers: layerRecords,
  };
}

function routeOf(path: string): Route {
  if (path === REGISTRY_PREFIX || path === `${REGISTRY_PREFIX}/`) return { kind: 'version' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    throw nameInvalid('the path is not valid percent-encoding');
  }
  const match = ROUTE.exec(decoded);
  if (!match) throw new RegistryError(404, 'UNSUPPORTED', 'no such registry endpoint');
  const name = match[1];
  if (match[2] === 'tags/list') return { kind: 'tags', name };
  if (match[3] !== undefined) return { kind: 'manifest', name, reference: match[3] };
  if (match[4] !== undefined) return { kind: 'upload', name, id: match[4] };
  if (match[5] !== undefined) return { kind: 'blob', name, digest: match[5] };
  return { kind: 'referrers', name, digest: match[6] };
}

/** A name of this registry: `namespace/repository`, each a lower-case path component of at most 128 characters. */
function targetOf(instance: InstanceRecord, name: string): Target {
  const parts = name.split('/');
  if (parts.length !== 2 || parts.some((p) => p.length > 128 || !COMPONENT.test(p))) {
    throw nameInvalid('a repository name is <namespace>/<repository>, each lower-case letters and digits separated by . _ or -');
  }
  return { instance, namespace: parts[0], repository: parts[1], name };
}

/**
 * One byte range of a `Range: bytes=` header (`start-end`, `start-`, `-suffix`), clamped to the
 * blob; undefined for no header or one that is not a single byte range (answered whole, as HTTP
 * allows); 'unsatisfiable' for a range outside the blob.
 */
function rangeOf(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=([0-9]*)-([0-9]*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

function checkDigest(digest: string): void {
  if (!SHA256_DIGEST.test(digest)) throw digestInvalid('a digest is sha256: and 64 lower-case hex digits (the only algorithm this registry supports)');
}

/** A chunk's Content-Range (optional) must start where the upload ends and match the chunk's length: else 416. */
function checkContentRange(req: ServiceRequest, target: Target, upload: Upload): void {
  const range = headerOf(req.headers, 'content-range');
  if (range === undefined) return;
  const match = /^(?:bytes[ =])?([0-9]+)-([0-9]+)$/.exec(range.trim());
  if (!match) throw new RegistryError(400, 'BLOB_UPLOAD_INVALID', 'Content-Range must be <start>-<end>');
  const start = Number(match[1]);
  const end = Number(match[2]);
  const length = headerOf(req.headers, 'content-length');
  if (start !== upload.size || end < start || (length !== undefined && Number(length) !== end - start + 1)) {
    throw new RegistryError(416, 'BLOB_UPLOAD_INVALID', `the next chunk starts at ${upload.size} and its Content-Range must match its length`, uploadHeaders(target, upload));
  }
}

function challenge(realm: string, service: string, scope: string | undefined, message: string): RegistryError {
  const value = `Bearer realm="${realm}",service="${service}"${scope === undefined ? '' : `,scope="${scope}"`}`;
  return new RegistryError(401, 'UNAUTHORIZED', message, { 'www-authenticate': value });
}

/** The Host the client addressed, when it is a plain host[:port]; else the loopback address. */
function hostOf(req: ServiceRequest): string {
  const host = headerOf(req.headers, 'host');
  return host !== undefined && /^[A-Za-z0-9.:[\]-]{1,255}$/.test(host) ? host : '127.0.0.1';
}

function uploadHeaders(target: Target, upload: Upload): Record<string, string> {
  return {
    location: `/v2/${target.name}/blobs/uploads/${upload.id}`,
    range: `0-${Math.max(0, upload.size - 1)}`,
    'docker-upload-uuid': upload.id,
    'content-length': '0',
  };
}

function bodyOf(req: ServiceRequest): Readable {
  if (req.body === undefined) throw new Error('the registry is mounted to stream bodies');
  return req.body;
}

async function readAll(body: IncomingMessage | undefined, limit: number): Promise<Buffer> {
  if (body === undefined) return Buffer.alloc(0);
  const declared = Number(body.headers['content-length'] ?? 0);
  if (declared > limit) throw sizeInvalid(`a manifest is at most ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw sizeInvalid(`a manifest is at most ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function send(res: ServerResponse, req: ServiceRequest, status: number, headers: Record<string, string>, body?: string | Buffer): void {
  if (req.body !== undefined && !req.body.readableEnded) req.body.resume();
  const length = body === undefined ? undefined : typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  res.writeHead(status, length === undefined ? headers : { ...headers, 'content-length': String(length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}
