// Given a model type (and extra lines), want its TSDoc text; given spec text, want names from it.
import { describe, expect, it } from 'vitest';
import type { TypeModel } from '../../../src/model/index.js';
import { docText, safe } from '../../../src/emit/client/docs.js';
import { pascalCase, slug } from '../../../src/emit/shared/names.js';

describe('docText', () => {
  it.each([
    { given: 'no facts', type: { kind: 'string' } as TypeModel, extra: [], want: '' },
    { given: 'a description, trimmed', type: { kind: 'string', description: '  The name.\n' } as TypeModel, extra: [], want: 'The name.' },
    {
      given: 'an int64, with its precision warning',
      type: { kind: 'integer', format: 'int64' } as TypeModel,
      extra: [],
      want: 'int64 on the wire: values above `Number.MAX_SAFE_INTEGER` (2^53 - 1) lose precision as JavaScript numbers.',
    },
    {
      given: 'extra lines, a default, an example and deprecation, in that order',
      type: { kind: 'string', description: 'D.', default: 'XML', example: 'JSON', deprecated: true } as TypeModel,
      extra: ['Extra.'],
      want: 'D.\nExtra.\n@defaultValue `"XML"`\n@example "JSON"\n@deprecated',
    },
    { given: 'an object example (left out)', type: { kind: 'string', example: { a: 1 } } as TypeModel, extra: [], want: '' },
    { given: 'text that would close the comment', type: { kind: 'string', description: 'a */ b', example: '*/' } as TypeModel, extra: [], want: 'a *\\/ b\n@example "*\\/"' },
  ])('$given', ({ type, extra, want }) => expect(docText(type, extra)).toBe(want));

  it('safe leaves other text as it is', () => {
    expect(safe('/* a * / b */')).toBe('/* a * / b *\\/');
  });
});

describe('names', () => {
  it.each([
    { given: 'Image namespace management', slug: 'image-namespace-management', pascal: 'ImageNamespaceManagement' },
    { given: 'Chart version management', slug: 'chart-version-management', pascal: 'ChartVersionManagement' },
    { given: '  Widgets & parts (v2)  ', slug: 'widgets-parts-v2', pascal: 'WidgetsPartsV2' },
    { given: '11-repository', slug: '11-repository', pascal: '11Repository' },
  ])('$given', ({ given, slug: wantSlug, pascal }) => {
    expect(slug(given)).toBe(wantSlug);
    expect(pascalCase(given)).toBe(pascal);
  });
});
