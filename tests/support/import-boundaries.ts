// Reads import specifiers out of TypeScript source and checks them against the layering rules in
// ../shared/docs/architecture.md. Parsing uses the TypeScript compiler's own parser, so text that
// merely looks like an import (inside a comment or a string) is never counted.
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

export type ImportKind = 'import' | 'export-from' | 'import-equals' | 'dynamic-import' | 'require' | 'import-type';

export interface FoundImport {
  /** The module specifier, or null for a dynamic import()/require() whose argument is not a string literal. */
  specifier: string | null;
  kind: ImportKind;
  /** 1-based line number. */
  line: number;
}

export function findImports(fileName: string, source: string): FoundImport[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
  const found: FoundImport[] = [];
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const literal = (node: ts.Node | undefined): string | null =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      found.push({ specifier: literal(node.moduleSpecifier), kind: 'import', line: lineOf(node) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      found.push({ specifier: literal(node.moduleSpecifier), kind: 'export-from', line: lineOf(node) });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      found.push({ specifier: literal(node.moduleReference.expression), kind: 'import-equals', line: lineOf(node) });
    } else if (ts.isImportTypeNode(node)) {
      const arg = ts.isLiteralTypeNode(node.argument) ? literal(node.argument.literal) : null;
      found.push({ specifier: arg, kind: 'import-type', line: lineOf(node) });
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        found.push({ specifier: literal(node.arguments[0]), kind: 'dynamic-import', line: lineOf(node) });
      } else if (ts.isIdentifier(node.expression) && node.expression.text === 'require') {
        found.push({ specifier: literal(node.arguments[0]), kind: 'require', line: lineOf(node) });
      } else if (
        // require.resolve('x') and module.require('x') load modules just the same.
        ts.isPropertyAccessExpression(node.expression) &&
        ((ts.isIdentifier(node.expression.expression) && node.expression.expression.text === 'require') ||
          node.expression.name.text === 'require')
      ) {
        found.push({ specifier: literal(node.arguments[0]), kind: 'require', line: lineOf(node) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const nodeBuiltins = new Set(builtinModules.filter((m) => !m.startsWith('_')));

/** Why a specifier is banned from the framework-free cores, or null when it is not. */
export function forbiddenPackage(specifier: string): string | null {
  if (specifier.startsWith('node:')) return 'a Node.js built-in';
  const [first, second] = specifier.split('/');
  if (nodeBuiltins.has(first) || nodeBuiltins.has(`${first}/${second}`)) return 'a Node.js built-in';
  if (first === 'react' || first === 'react-dom') return 'React';
  if (first === 'next') return 'Next.js';
  return null;
}

/**
 * Where a specifier points, as a repository-relative POSIX path for local files
 * (`lib/k8s/types`), or `{ package }` for a bare package specifier.
 */
export function resolveSpecifier(
  importer: string,
  specifier: string,
): { local: string } | { package: string } {
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
    return { local: path.posix.normalize(path.posix.join(path.posix.dirname(importer), specifier)) };
  }
  if (specifier.startsWith('@/')) return { local: path.posix.normalize(specifier.slice(2)) };
  if (specifier.startsWith('/')) return { local: specifier };
  return { package: specifier };
}

function isInside(local: string, dir: string): boolean {
  return local === dir || local.startsWith(`${dir}/`);
}

export interface BoundaryRule {
  /** The directory whose files the rule governs, e.g. `lib/cluster`. */
  dir: string;
  /**
   * Local directories those files may import from (their own directory is always allowed);
   * omitted means any local file not listed in `never`.
   */
  mayImport?: string[];
  /** Whether bare npm packages are allowed (the forbidden ones are banned separately). */
  packages: boolean;
  /** Local directories the files must never import, even when `mayImport` is broad. */
  never?: string[];
}

/** The framework-free cores: no React, no Next.js, no Node built-ins, by any import form. */
export const CORE_DIRS = ['lib/k8s', 'lib/cluster', 'lib/jsonpath', 'lib/kubectl', 'lib/notebook'];

/** From the "Layout and allowed imports" table in architecture.md. */
export const BOUNDARY_RULES: BoundaryRule[] = [
  { dir: 'lib/k8s', mayImport: [], packages: false },
  { dir: 'lib/cluster', mayImport: ['lib/k8s'], packages: false },
  { dir: 'lib/jsonpath', mayImport: [], packages: false },
  // kubectl talks to a cluster only through the ClusterClient interface, never the simulator itself.
  { dir: 'lib/kubectl', packages: true, never: ['lib/cluster', 'lib/sandbox', 'lib/apiserver', 'app'] },
  { dir: 'lib/grading', mayImport: ['lib/k8s', 'lib/jsonpath'], packages: false },
  // the notebook model and importer: its own files and its packages (zod, unified/remark, yaml)
  { dir: 'lib/notebook', mayImport: [], packages: true },
  // the HTTP facade serves lib/cluster with lib/kubectl's printers; it is never a client
  { dir: 'lib/apiserver', mayImport: ['lib/cluster', 'lib/k8s', 'lib/kubectl', 'lib/host'], packages: true },
  // a ClusterClient over client-node: the interface from lib/kubectl, types from lib/k8s
  // (lib/sandbox/testing.ts, test support, also starts a lib/apiserver over lib/cluster)
  { dir: 'lib/sandbox', mayImport: ['lib/k8s', 'lib/kubectl'], packages: true },
];

export interface Violation {
  file: string;
  line: number;
  message: string;
}

export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line} ${v.message}`;
}

/**
 * Checks one file. `file` is its repository-relative POSIX path, e.g. `lib/cluster/store.ts`.
 */
export function checkFile(file: string, source: string, rules: BoundaryRule[] = BOUNDARY_RULES): Violation[] {
  const violations: Violation[] = [];
  const isCore = CORE_DIRS.some((d) => isInside(file, d));
  const rule = rules.find((r) => isInside(file, r.dir));

  for (const imp of findImports(file, source)) {
    const add = (message: string) => violations.push({ file, line: imp.line, message });
    if (imp.specifier === null) {
      if (isCore || rule) add(`has a ${imp.kind} with a computed specifier, which cannot be checked`);
      continue;
    }
    const spec = imp.specifier;
    if (isCore && imp.kind === 'require') {
      add(`uses require("${spec}"); core modules are ES modules and load nothing at run time`);
      continue;
    }
    if (isCore) {
      const why = forbiddenPackage(spec);
      if (why) {
        add(`imports "${spec}" (${why}) via ${imp.kind}; core modules must stay framework- and Node-free`);
        continue;
      }
    }
    if (!rule) continue;
    const target = resolveSpecifier(file, spec);
    if ('package' in target) {
      if (!rule.packages) add(`imports the package "${spec}"; ${rule.dir} may import ${describeAllowed(rule)}`);
      continue;
    }
    if (isInside(target.local, rule.dir)) continue;
    const banned = rule.never?.find((d) => isInside(target.local, d));
    if (banned) {
      add(`imports "${spec}" (${target.local}); ${rule.dir} must never import ${banned}`);
      continue;
    }
    if (rule.mayImport && !rule.mayImport.some((d) => isInside(target.local, d))) {
      add(`imports "${spec}" (${target.local}); ${rule.dir} may import ${describeAllowed(rule)}`);
    }
  }
  return violations;
}

function describeAllowed(rule: BoundaryRule): string {
  const dirs = [rule.dir, ...(rule.mayImport ?? [])];
  return `only ${dirs.join(', ')}${rule.packages ? ' and npm packages' : ''}`;
}
