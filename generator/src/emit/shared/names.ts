// Names derived from the spec's text for files and identifiers, shared by the emitters.

/** `Image namespace management` -> `image-namespace-management`. */
export function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** `Image namespace management` -> `ImageNamespaceManagement`. */
export function pascalCase(text: string): string {
  return slug(text)
    .split('-')
    .filter((word) => word !== '')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
}
