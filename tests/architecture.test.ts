// Layering rules from ../shared/docs/architecture.md, checked by reading import specifiers.
// Test files (*.test.ts, *.spec.ts) are exempt: they may use vitest and node:fs for goldens.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  BOUNDARY_RULES,
  CORE_DIRS,
  checkFile,
  findImports,
  formatViolation,
  type Violation,
} from './support/import-boundaries';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(abs, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(ts|tsx|mts|cts)$/.test(entry.name)) continue;
    if (/\.(test|spec)\.(ts|tsx|mts|cts)$/.test(entry.name)) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.push(path.relative(root, full).split(path.sep).join('/'));
  }
  return out.sort();
}

function violationsIn(dirs: string[]): string[] {
  const all: Violation[] = [];
  for (const dir of dirs) {
    for (const file of sourceFiles(dir)) {
      all.push(...checkFile(file, readFileSync(path.join(root, file), 'utf8')));
    }
  }
  return all.map(formatViolation);
}

describe('the import checker', () => {
  it('finds static, re-exported, dynamic, required and type-only imports with their lines', () => {
    const src = [
      "import { a } from './a';",
      "export * from './b';",
      "const c = await import('./c');",
      "const d = require('./d');",
      "type E = typeof import('./e');",
      "import type { F } from './f';",
    ].join('\n');
    expect(findImports('lib/k8s/x.ts', src)).toEqual([
      { specifier: './a', kind: 'import', line: 1 },
      { specifier: './b', kind: 'export-from', line: 2 },
      { specifier: './c', kind: 'dynamic-import', line: 3 },
      { specifier: './d', kind: 'require', line: 4 },
      { specifier: './e', kind: 'import-type', line: 5 },
      { specifier: './f', kind: 'import', line: 6 },
    ]);
  });

  it('ignores import-looking text inside comments and strings', () => {
    const src = "// import React from 'react'\nconst s = \"require('fs')\";\nexport const t = `import('next')`;\n";
    expect(findImports('lib/cluster/x.ts', src)).toEqual([]);
  });

  it('rejects a fake cluster file that imports React, Next.js and Node built-ins in every form', () => {
    const fake = [
      "import { useState } from 'react';",
      "import { redirect } from 'next/navigation';",
      "import { randomUUID } from 'node:crypto';",
      "import fs from 'fs';",
      "const cp = await import('child_process');",
      "const p = require('path');",
      "import './store';",
      "import type { Pod } from '../k8s/types';",
    ].join('\n');
    expect(checkFile('lib/cluster/fake.ts', fake).map(formatViolation)).toEqual([
      'lib/cluster/fake.ts:1 imports "react" (React) via import; core modules must stay framework- and Node-free',
      'lib/cluster/fake.ts:2 imports "next/navigation" (Next.js) via import; core modules must stay framework- and Node-free',
      'lib/cluster/fake.ts:3 imports "node:crypto" (a Node.js built-in) via import; core modules must stay framework- and Node-free',
      'lib/cluster/fake.ts:4 imports "fs" (a Node.js built-in) via import; core modules must stay framework- and Node-free',
      'lib/cluster/fake.ts:5 imports "child_process" (a Node.js built-in) via dynamic-import; core modules must stay framework- and Node-free',
      'lib/cluster/fake.ts:6 uses require("path"); core modules are ES modules and load nothing at run time',
    ]);
  });

  it('rejects a fake k8s file that reaches into lib/cluster or an npm package', () => {
    const fake = [
      "import { Store } from '../cluster/store';",
      "import { x } from '@/lib/kubectl/printers';",
      "import yaml from 'yaml';",
      "import { Labels } from './types';",
      "import { q } from './util/quantity';",
    ].join('\n');
    expect(checkFile('lib/k8s/fake.ts', fake).map(formatViolation)).toEqual([
      'lib/k8s/fake.ts:1 imports "../cluster/store" (lib/cluster/store); lib/k8s may import only lib/k8s',
      'lib/k8s/fake.ts:2 imports "@/lib/kubectl/printers" (lib/kubectl/printers); lib/k8s may import only lib/k8s',
      'lib/k8s/fake.ts:3 imports the package "yaml"; lib/k8s may import only lib/k8s',
    ]);
  });

  it('allows lib/cluster to import lib/k8s but not lib/kubectl', () => {
    const fake = "import type { Pod } from '../k8s/types';\nimport { get } from '../kubectl/get';\n";
    expect(checkFile('lib/cluster/fake.ts', fake).map(formatViolation)).toEqual([
      'lib/cluster/fake.ts:2 imports "../kubectl/get" (lib/kubectl/get); lib/cluster may import only lib/cluster, lib/k8s',
    ]);
  });

  it('resolves a relative path that climbs out of a nested folder before judging it', () => {
    // From lib/cluster/controllers/, '../k8s/types' is lib/cluster/k8s/types (inside lib/cluster),
    // while '../../k8s/types' is lib/k8s/types; both are allowed, '../../../app/x' is not.
    expect(checkFile('lib/cluster/controllers/rs.ts', "import '../../../app/x';")).toHaveLength(1);
    expect(checkFile('lib/cluster/controllers/rs.ts', "import '../../k8s/types';")).toEqual([]);
  });

  it('rejects lib/kubectl importing the simulated cluster directly', () => {
    expect(checkFile('lib/kubectl/get.ts', "import { Store } from '../cluster/store';").map(formatViolation)).toEqual([
      'lib/kubectl/get.ts:1 imports "../cluster/store" (lib/cluster/store); lib/kubectl must never import lib/cluster',
    ]);
  });

  it('flags a dynamic import whose specifier is computed, since it cannot be checked', () => {
    expect(checkFile('lib/notebook/x.ts', 'const m = await import(name);').map(formatViolation)).toEqual([
      'lib/notebook/x.ts:1 has a dynamic-import with a computed specifier, which cannot be checked',
    ]);
  });
});

describe('the repository layering', () => {
  it('core libraries import no React, Next.js or Node built-ins, statically, dynamically or by require', () => {
    expect(violationsIn(CORE_DIRS)).toEqual([]);
  });

  it('lib/k8s imports nothing outside lib/k8s', () => {
    expect(violationsIn(['lib/k8s'])).toEqual([]);
  });

  it('lib/cluster imports only lib/cluster and lib/k8s', () => {
    expect(violationsIn(['lib/cluster'])).toEqual([]);
  });

  it('the layering checks read the real lib/k8s sources, so an empty pass means no violations', () => {
    // Guards against the file walk silently finding nothing after a move or rename.
    expect(sourceFiles('lib/k8s').length).toBeGreaterThan(0);
    expect(BOUNDARY_RULES.map((r) => r.dir)).toEqual(['lib/k8s', 'lib/cluster', 'lib/jsonpath', 'lib/kubectl', 'lib/grading', 'lib/notebook', 'lib/apiserver', 'lib/sandbox']);
  });

  it('lib/grading, lib/notebook, lib/apiserver and lib/sandbox keep to their allowed imports', () => {
    expect(sourceFiles('lib/apiserver').length).toBeGreaterThan(0);
    expect(violationsIn(['lib/grading', 'lib/notebook', 'lib/apiserver'])).toEqual([]);
    // test support may start a server: everything else in lib/sandbox is a client only
    expect(violationsIn(['lib/sandbox']).filter((v) => !v.startsWith('lib/sandbox/testing.ts:'))).toEqual([]);
  });

  it('lib/jsonpath imports nothing and lib/kubectl never reaches into lib/cluster', () => {
    expect(violationsIn(['lib/jsonpath', 'lib/kubectl'])).toEqual([]);
  });
});
