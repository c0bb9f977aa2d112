// Podbook's printers against real kubectl 1.32, byte for byte. Each *.golden here holds a command
// line and what kubectl v1.32.5 printed for it (written by scripts/update-printer-goldens.ts; never
// edited by hand). This test never runs kubectl:
//   * `kubectl run|create … --dry-run=client …` go through Podbook's runKubectl against a fresh
//     simulated cluster (a client-side dry run makes no server call);
//   * `kubectl label --local -f FILE podbook=probe -o …` is not a command Podbook runs, so the test
//     does what kubectl does (label.go with --local: decode the file as unstructured, set the label,
//     print with the -o printer) with Podbook's own pieces: the manifest decoder, the command-line
//     resolver and the generic printers (toYaml, toGoJson, jsonpath, name).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../lib/cluster/cluster';
import { errorText, runKubectl } from '../../../lib/kubectl';
import type { KubectlResult } from '../../../lib/kubectl';
import { parseCommandLine, resolveKubectl } from '../../../lib/kubectl/cmdline';
import { parseOutputFormat, printGenericObject } from '../../../lib/kubectl/printers/output';
import { kubectlParseError, parseYamlDocuments } from '../../../lib/kubectl/yaml';
import { SimulatedClient } from '../../../lib/runtime/simulated-client';
import { parseGolden } from './golden-format';
import type { Golden } from './golden-format';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');

type Obj = Record<string, unknown>;

function loadGoldens(): { file: string; golden: Golden }[] {
  return readdirSync(HERE)
    .filter((f) => f.endsWith('.golden'))
    .sort()
    .map((file) => ({ file, golden: parseGolden(file, readFileSync(path.join(HERE, file))) }));
}

function argvOf(command: string): string[] {
  const parsed = parseCommandLine(command);
  if (!parsed.ok || parsed.pipelines.length !== 1 || parsed.pipelines[0].stages.length !== 1) throw new Error(`not one command: ${command}`);
  const argv = parsed.pipelines[0].stages[0].argv;
  if (!argv || argv[0] !== 'kubectl') throw new Error(`not a kubectl command: ${command}`);
  return argv.slice(1);
}

/** `kubectl label --local -f FILE k=v… -o FORMAT`, done with Podbook's decoder and printers. */
function labelLocal(command: string): KubectlResult {
  const resolved = resolveKubectl(argvOf(command));
  if (resolved.kind !== 'run' || resolved.path.join(' ') !== 'label' || resolved.flags.local !== true) throw new Error(`not a label --local command: ${command}`);
  const files = resolved.flags.filename as string[];
  const output = typeof resolved.flags.output === 'string' ? resolved.flags.output : '';
  const pairs = resolved.args.map((a) => a.split('='));
  if (files.length !== 1 || output === '' || pairs.some((p) => p.length !== 2)) throw new Error(`unexpected label --local form: ${command}`);

  const docs = parseYamlDocuments(readFileSync(path.join(ROOT, files[0]), 'utf8'));
  // The builder reports a file that does not parse (e.g. `.inf`, which json.Marshal refuses).
  if (!docs.ok) return { stdout: '', stderr: `${kubectlParseError(files[0], docs.error)}\n`, exitCode: 1 };
  if (docs.documents.length !== 1) throw new Error(`${files[0]}: expected one document`);
  // A shallow copy: only metadata is replaced below, and a deep structuredClone would turn the
  // decoder's GoNumber objects (exact int64, integral float64) into plain objects.
  const obj = { ...(docs.documents[0].value as Obj) };
  // label.go labelFunc: SetLabels on the object's metadata (created when absent).
  const { managedFields: _dropped, ...meta } = (obj.metadata ?? {}) as Obj;
  const labels = { ...((meta.labels ?? {}) as Record<string, string>) };
  for (const [k, v] of pairs) labels[k] = v;
  obj.metadata = { ...meta, labels };
  try {
    const format = parseOutputFormat(output, { allowMissingKeys: true });
    return { stdout: printGenericObject(obj, format), stderr: '', exitCode: 0 };
  } catch (e) {
    return { stdout: '', stderr: errorText([e]), exitCode: 1 };
  }
}

async function podbook(command: string): Promise<KubectlResult> {
  const argv = argvOf(command);
  if (argv[0] === 'label') return labelLocal(command);
  if (!argv.includes('--dry-run=client')) throw new Error(`only client dry runs may run here: ${command}`);
  return runKubectl(command, { client: new SimulatedClient(createCluster({ seed: 1 })) });
}

/**
 * Goldens Podbook does not match yet, by file, with the reason. They run as `it.fails`, so the
 * day one starts matching the test says so and the entry must go. Never "fix" a golden instead.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {};

const goldens = loadGoldens();

describe('printer goldens from real kubectl 1.32', () => {
  it('has the goldens the update script writes (at least 60)', () => {
    expect(goldens.length).toBeGreaterThanOrEqual(60);
  });

  it('lists known differences only for goldens that exist', () => {
    const files = new Set(goldens.map((g) => g.file));
    expect(Object.keys(KNOWN_DIFFERENCES).filter((f) => !files.has(f))).toEqual([]);
  });

  for (const { file, golden } of goldens) {
    const test = file in KNOWN_DIFFERENCES ? it.fails : it;
    test(golden.command, async () => {
      const got = await podbook(golden.command);
      expect(got).toEqual({ stdout: golden.stdout, stderr: golden.stderr, exitCode: golden.exitCode });
    });
  }
});
