// kubectl's JSONPath template dialect (client-go `util/jsonpath`), for `-o jsonpath=…`,
// `-o jsonpath-as-json=…`, custom-columns and --sort-by. Imports nothing outside lib/jsonpath.
//
// kubectl layer notes (VERIFIED with kubectl 1.32):
// * `-o jsonpath=<t>` parses <t> as a template as is: `-o jsonpath=.metadata.name` prints the
//   literal text `.metadata.name`. Only custom-columns and --sort-by relax their expressions
//   (relaxedJSONPathExpression).
// * kubectl enables AllowMissingKeys unless `--allow-missing-template-keys=false`.
// * A parse failure prints `error: ` + formatParseError(...); an execution failure prints
//   `error: ` + formatExecuteError(...), with nothing written to stdout.

import { goQuote, goSharpV } from './gofmt';
import { printResults, runTemplate, toPlain } from './eval';
import type { Template } from './parser';

export type { Template, Node, ListNode, ParamsEntry, ParseResult } from './parser';
export { parseTemplate, unquoteExtend } from './parser';
export { relaxedJSONPathExpression, type RelaxedResult } from './relaxed';
export {
  compareGoStrings,
  formatGoFloat,
  formatGoInt,
  formatGoNumber,
  goJSONMarshal,
  goJSONMarshalIndent,
  goJSONString,
  goQuote,
  goSharpU,
  goSharpV,
  goSprint,
  isGoInt64,
} from './gofmt';

export interface JSONPathOptions {
  /**
   * client-go's AllowMissingKeys: a missing field yields nothing instead of `<name> is not found`.
   * Off by default, as in client-go; kubectl's printers turn it on.
   */
  allowMissingKeys?: boolean;
}

export interface ExecuteTemplateOptions extends JSONPathOptions {
  /** `-o jsonpath-as-json`: each action's results as an indented JSON array plus a newline. */
  outputJSON?: boolean;
}

/**
 * Execute: runs the template against decoded JSON and prints every action's results (values of
 * one action separated by a single space; maps and arrays as compact JSON, strings raw, numbers
 * as Go prints int64/float64, null as `null`). On error nothing is printed and `error` is
 * client-go's raw message, e.g. `nosuch is not found`.
 */
export function executeTemplate(
  t: Template,
  data: unknown,
  opts: ExecuteTemplateOptions = {},
): { ok: true; output: string } | { ok: false; error: string } {
  const r = runTemplate(t, data, opts);
  if ('err' in r) return { ok: false, error: r.err };
  return { ok: true, output: printResults(r.results, opts.outputJSON ?? false) };
}

/**
 * FindResults: each top-level node's values (literal text gives its text), as plain data; Go
 * `int`/`float64`/`uint8` values produced by the template become numbers. custom-columns prints
 * every value of every list with goSprint, joined by `,`, and `<none>` when the first list is empty.
 */
export function findResults(
  t: Template,
  data: unknown,
  opts: JSONPathOptions = {},
): { ok: true; results: unknown[][] } | { ok: false; error: string } {
  const r = runTemplate(t, data, opts);
  if ('err' in r) return { ok: false, error: r.err };
  return { ok: true, results: r.results.map((list) => list.map(toPlain)) };
}

/**
 * The message kubectl prints (after `error: `) when a template does not parse:
 * `error parsing jsonpath {.a[}, unterminated array\n` (cli-runtime jsonpath_flags.go).
 */
export function formatParseError(template: string, message: string): string {
  return `error parsing jsonpath ${template}, ${message}\n`;
}

/**
 * The message kubectl prints (after `error: `) when a template fails on an object
 * (cli-runtime printers/jsonpath.go), ending in three newlines. `data` is the object given to the
 * engine, printed with Go's `%#v`.
 */
export function formatExecuteError(template: string, message: string, data: unknown): string {
  return (
    `error executing jsonpath ${goQuote(template)}: ` +
    `Error executing template: ${message}. Printing more information for debugging the template:\n` +
    `\ttemplate was:\n\t\t${template}\n` +
    `\tobject given to jsonpath engine was:\n\t\t${goSharpV(data)}\n\n\n`
  );
}
