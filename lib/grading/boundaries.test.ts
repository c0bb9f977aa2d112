// lib/grading's layering (architecture.md: grading may import lib/k8s and lib/jsonpath only), checked
// on its real sources with the same checker tests/architecture.test.ts uses.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BOUNDARY_RULES, checkFile, formatViolation } from '../../tests/support/import-boundaries';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function gradingSources(): string[] {
  return readdirSync(path.join(root, 'lib/grading'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => `lib/grading/${f}`);
}

describe('lib/grading imports', () => {
  it('has a boundary rule allowing only lib/k8s and lib/jsonpath, without npm packages', () => {
    expect(BOUNDARY_RULES.find((r) => r.dir === 'lib/grading')).toEqual({ dir: 'lib/grading', mayImport: ['lib/k8s', 'lib/jsonpath'], packages: false });
  });

  it('stays within lib/k8s, lib/jsonpath and its own files', () => {
    const files = gradingSources();
    expect(files).toContain('lib/grading/checks.ts');
    const violations = files.flatMap((f) => checkFile(f, readFileSync(path.join(root, f), 'utf8')).map(formatViolation));
    expect(violations).toEqual([]);
  });

  it('would flag an import of lib/kubectl, so an empty result above means something', () => {
    expect(checkFile('lib/grading/x.ts', "import type { ClusterClient } from '../kubectl/client';").map(formatViolation)).toEqual([
      'lib/grading/x.ts:1 imports "../kubectl/client" (lib/kubectl/client); lib/grading may import only lib/grading, lib/k8s, lib/jsonpath',
    ]);
  });
});
