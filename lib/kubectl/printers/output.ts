// `-o` for get-like commands: parsing the output format as get's PrintFlags do (JSON/YAML, name,
// JSONPath templates, custom-columns, then the human printer), and the generic printers that
// print full objects: json (json.MarshalIndent, 4 spaces), yaml (go-yaml v2), name
// (`pod/x`, `deployment.apps/x`), custom-columns and jsonpath.

import { executeTemplate, findResults, formatExecuteError, formatParseError, parseTemplate, relaxedJSONPathExpression } from '../../jsonpath';
import type { Template } from '../../jsonpath';
import { goSprint } from '../format/gofmt';
import { toGoJson } from '../format/gojson';
import { toYaml } from '../format/goyaml';
import { escapeTerminal, getTabWriter } from '../format/tabwriter';
import { KubectlError } from '../invocation';

export const GET_ALLOWED_FORMATS = [
  'custom-columns',
  'custom-columns-file',
  'go-template',
  'go-template-file',
  'json',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'name',
  'template',
  'templatefile',
  'wide',
  'yaml',
];

export interface CustomColumn {
  header: string;
  /** the relaxed JSONPath template: `{.metadata.name}` */
  fieldSpec: string;
  template: Template;
}

export type OutputFormat =
  | { kind: 'human'; wide: boolean }
  | { kind: 'json' }
  | { kind: 'yaml' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; raw: string; template: Template; asJson: boolean; allowMissingKeys: boolean }
  | { kind: 'custom-columns'; columns: CustomColumn[]; noHeaders: boolean }
  /** a real format Podbook does not print (go-template, *-file) */
  | { kind: 'unsupported'; format: string };

/** NoCompatiblePrinterError as kubectl words it. */
export function noPrinterError(format: string, allowed = GET_ALLOWED_FORMATS): KubectlError {
  return new KubectlError(`unable to match a printer suitable for the output format ${JSON.stringify(format)}, allowed formats are: ${allowed.join(',')}`);
}

function splitFormat(output: string, formats: readonly string[]): { format: string; value: string } | undefined {
  for (const f of formats) {
    if (output.startsWith(`${f}=`)) return { format: f, value: output.slice(f.length + 1) };
  }
  if (formats.includes(output)) return { format: output, value: '' };
  return undefined;
}

/**
 * get's PrintFlags.ToPrinter: `-o` (and `--template`) to a printer, or the error kubectl prints.
 * Throws KubectlError.
 */
export function parseOutputFormat(
  output: string,
  opts: { noHeaders?: boolean; allowMissingKeys?: boolean; template?: string } = {},
): OutputFormat {
  let out = output;
  if (opts.template && out === '') out = 'go-template';
  if (out === 'json') return { kind: 'json' };
  if (out === 'yaml') return { kind: 'yaml' };
  if (out === 'name') return { kind: 'name' };
  const goTemplate = splitFormat(out, ['go-template', 'go-template-file', 'template', 'templatefile']);
  if (goTemplate) return { kind: 'unsupported', format: goTemplate.format };
  const jp = splitFormat(out, ['jsonpath', 'jsonpath-file', 'jsonpath-as-json']);
  if (jp) {
    const value = opts.template || jp.value;
    if (value === '') throw new KubectlError('template format specified but no template given');
    if (jp.format === 'jsonpath-file') return { kind: 'unsupported', format: jp.format };
    const parsed = parseTemplate(value);
    if (!parsed.ok) throw new KubectlError(formatParseError(value, parsed.error), 1);
    return { kind: 'jsonpath', raw: value, template: parsed.template, asJson: jp.format === 'jsonpath-as-json', allowMissingKeys: opts.allowMissingKeys ?? true };
  }
  const cc = splitFormat(out, ['custom-columns', 'custom-columns-file']);
  if (cc) {
    const value = opts.template || cc.value;
    if (value === '') throw new KubectlError('custom-columns format specified but no custom columns given');
    if (cc.format === 'custom-columns-file') return { kind: 'unsupported', format: cc.format };
    return { kind: 'custom-columns', columns: parseCustomColumns(value), noHeaders: !!opts.noHeaders };
  }
  if (out === '' || out === 'wide') return { kind: 'human', wide: out === 'wide' };
  throw noPrinterError(out);
}

/** NewCustomColumnsPrinterFromSpec: `HEADER:expr,…`, each expression relaxed. */
export function parseCustomColumns(spec: string): CustomColumn[] {
  return spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) throw new KubectlError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    const relaxed = relaxedJSONPathExpression(part.slice(i + 1));
    if (!relaxed.ok) throw new KubectlError(relaxed.error);
    const parsed = parseTemplate(relaxed.expression);
    if (!parsed.ok) throw new KubectlError(parsed.error);
    return { header: part.slice(0, i), fieldSpec: relaxed.expression, template: parsed.template };
  });
}

type Obj = Record<string, unknown>;

function isList(obj: Obj): boolean {
  return Array.isArray(obj.items);
}

/** The objects a printer visits: a list's items, or the object itself. */
function itemsOf(obj: Obj): Obj[] {
  return isList(obj) ? (obj.items as Obj[]) : [obj];
}

/** NamePrinter: `pod/x`, `deployment.apps/x` per object. */
export function printName(obj: Obj): string {
  let out = '';
  for (const item of itemsOf(obj)) {
    const kind = String(item.kind ?? '');
    const apiVersion = String(item.apiVersion ?? '');
    const name = String((item.metadata as Obj | undefined)?.name ?? '');
    if (!kind) throw new KubectlError(`missing kind for resource with name ${name}`);
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    out += group ? `${kind.toLowerCase()}.${group}/${name}\n` : `${kind.toLowerCase()}/${name}\n`;
  }
  return out;
}

/** CustomColumnsPrinter.PrintObj with its own tabwriter: header line, then one line per object. */
export function printCustomColumns(obj: Obj, columns: readonly CustomColumn[], noHeaders: boolean): string {
  const w = getTabWriter();
  if (!noHeaders) w.write(columns.map((c) => c.header).join('\t') + '\n');
  for (const item of itemsOf(obj)) {
    const cells = columns.map((c) => {
      const r = findResults(c.template, item, { allowMissingKeys: true });
      if (!r.ok) throw new KubectlError(r.error);
      const values: string[] = [];
      if (r.results.length === 0 || r.results[0].length === 0) values.push('<none>');
      for (const list of r.results) for (const v of list) values.push(escapeTerminal(goSprint(v)));
      return values.join(',');
    });
    w.write(cells.join('\t') + '\n');
  }
  return w.flush();
}

/** JSONPathPrinter.PrintObj. */
export function printJsonPath(obj: Obj, f: Extract<OutputFormat, { kind: 'jsonpath' }>): string {
  const r = executeTemplate(f.template, obj, { allowMissingKeys: f.allowMissingKeys, outputJSON: f.asJson });
  if (!r.ok) throw new KubectlError(formatExecuteError(f.raw, r.error, obj));
  return r.output;
}

/** Prints one object (or one kind: List) with a generic printer. */
export function printGenericObject(obj: Obj, f: OutputFormat): string {
  switch (f.kind) {
    case 'json':
      return toGoJson(obj);
    case 'yaml':
      return toYaml(obj);
    case 'name':
      return printName(obj);
    case 'custom-columns':
      return printCustomColumns(obj, f.columns, f.noHeaders);
    case 'jsonpath':
      return printJsonPath(obj, f);
    default:
      throw new Error(`not a generic output format: ${f.kind}`);
  }
}
