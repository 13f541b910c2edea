// The media types of manifests, configs and layers, named once for the registry (services/registry:
// parsing, serving, accelerated images) and the API's images and pushes (resources), which both
// import this side; and the relabelling of Docker content as OCI content, which an accelerated image
// does both to the manifest the registry serves and to the tag the API shows.

export const MEDIA_TYPES = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  /** A layer whose content lives elsewhere (`urls`), gzip-compressed. */
  ociForeignLayer: 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  /** A layer whose content lives elsewhere (`urls`). */
  dockerForeignLayer: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
} as const;

/** Docker media types and their OCI equivalents (same bytes); any other type is kept. */
const OCI_TYPE_OF: Readonly<Record<string, string>> = {
  [MEDIA_TYPES.dockerManifest]: MEDIA_TYPES.ociManifest,
  [MEDIA_TYPES.dockerList]: MEDIA_TYPES.ociIndex,
  [MEDIA_TYPES.dockerConfig]: MEDIA_TYPES.ociConfig,
  [MEDIA_TYPES.dockerLayer]: MEDIA_TYPES.ociLayer,
  [MEDIA_TYPES.dockerForeignLayer]: MEDIA_TYPES.ociForeignLayer,
};

/** The OCI media type of the same content (the type itself when it is not a Docker one). */
export function ociTypeOf(mediaType: string): string {
  return OCI_TYPE_OF[mediaType] ?? mediaType;
}

/** The descriptor (every other field kept) under the OCI media type of its content. */
export function relabelled<T extends { readonly mediaType: string }>(descriptor: T): T {
  return { ...descriptor, mediaType: ociTypeOf(descriptor.mediaType) };
}
