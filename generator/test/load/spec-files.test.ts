// How the generator reads one YAML file of the spec: the schema it parses with, and bad YAML named by file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecFiles } from '../../src/load/spec-files.js';
import { SpecError } from '../../src/load/spec-error.js';

function specFile(text: string): { files: SpecFiles; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'acr-spec-files-'));
  const file = join(dir, 'openapi.yaml');
  writeFileSync(file, text);
  return { files: new SpecFiles(file), file };
}

describe('SpecFiles.read', () => {
  it('honours merge keys and anchors, as the path files use them for their common parameters', () => {
    const { files, file } = specFile('base: &common\n  a: 1\n  b: two\nitem:\n  <<: *common\n  b: three\n');
    expect(files.read(file)).toEqual({ base: { a: 1, b: 'two' }, item: { a: 1, b: 'three' } });
  });

  it('keeps dates and other YAML 1.1 forms as YAML 1.2 core reads them (a date is a string)', () => {
    const { files, file } = specFile("version: 2018-12-01\nflag: yes\nnumber: 0x1A\nnothing: ~\n");
    expect(files.read(file)).toEqual({ version: '2018-12-01', flag: 'yes', number: 26, nothing: null });
  });

  it('refuses a duplicate key, naming the file and the line', () => {
    const { files, file } = specFile('info:\n  title: a\ninfo:\n  title: b\n');
    expect(() => files.read(file)).toThrow(SpecError);
    expect(() => files.read(file)).toThrow(/openapi\.yaml#: is not valid YAML: duplicated mapping key .*\(3:1\)/);
  });

  it('refuses text that is not YAML, naming the file', () => {
    const { files, file } = specFile('paths: [\n');
    expect(() => files.read(file)).toThrow(/openapi\.yaml#: is not valid YAML: unexpected end of the stream/);
  });
});
