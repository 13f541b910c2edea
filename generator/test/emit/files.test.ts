// Writing generated files: only changed files are written, files no longer generated are removed,
// and check mode writes nothing but names every stale file.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFiles } from '../../src/emit/files.js';

const files = [
  { path: 'a.ts', content: 'export const a = 1;\n' },
  { path: 'sub/b.ts', content: 'export const b = 2;\n' },
];

describe('writeFiles', () => {
  it('writes new files, then finds nothing to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'acr-out-'));
    expect(writeFiles(dir, files, false)).toEqual({ changed: ['a.ts', 'sub/b.ts'], removed: [] });
    expect(readFileSync(join(dir, 'sub/b.ts'), 'utf8')).toBe(files[1].content);
    expect(writeFiles(dir, files, true)).toEqual({ changed: [], removed: [] });
  });

  it('check mode names edited and extra files and changes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'acr-out-'));
    writeFiles(dir, files, false);
    writeFileSync(join(dir, 'a.ts'), 'edited by hand\n');
    writeFileSync(join(dir, 'old.ts'), 'no longer generated\n');
    expect(writeFiles(dir, files, true)).toEqual({ changed: ['a.ts'], removed: ['old.ts'] });
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe('edited by hand\n');
    expect(existsSync(join(dir, 'old.ts'))).toBe(true);
    writeFiles(dir, files, false);
    expect(existsSync(join(dir, 'old.ts'))).toBe(false);
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe(files[0].content);
  });
});
