// A pflag-compatible flag parser (github.com/spf13/pflag v1.0.5, which kubectl 1.32 vendors),
// driven by a flag table per command. It mirrors FlagSet.parseArgs / parseLongArg /
// parseSingleShortArg / Set, including their quirks, and words every error exactly as pflag
// does, so kubectl's wrapper can print `error: <msg>\nSee 'kubectl get --help' for usage.`.

import {
  goCsvReadRecord,
  goParseBool,
  goParseDuration,
  goParseInt,
  goParseUint,
  goQuote,
  goQuoteRune,
  utf8Bytes,
  type GoResult,
} from './go';

/**
 * Value types, named after pflag's (`bool`, `string`, `int`, `int32`, `int64`, `uint`,
 * `stringArray`, `stringSlice`, `stringToString`, `duration`) plus three that kubectl gets from
 * elsewhere: `goDuration` (a Go standard-library flag.Duration wrapped by pflag, whose parse
 * error is just `parse error`), `klogLevel` (klog's -v: base-10 int32) and `vmodule` (klog's
 * pattern=N list).
 */
export type FlagType =
  | 'bool'
  | 'string'
  | 'int'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'stringArray'
  | 'stringSlice'
  | 'stringToString'
  | 'duration'
  | 'goDuration'
  | 'klogLevel'
  | 'vmodule';

/**
 * A parsed value. bool → boolean; string, vmodule → string; int types → number; stringArray,
 * stringSlice → string[]; stringToString → Record; duration, goDuration → number of
 * nanoseconds (Go's time.Duration).
 */
export type FlagValue = boolean | string | number | string[] | Readonly<Record<string, string>>;

export interface FlagSpec {
  /** Long name without dashes: `namespace`. */
  readonly name: string;
  /** One ASCII character: `n`. */
  readonly shorthand?: string;
  readonly type: FlagType;
  /**
   * The default. For `duration` / `goDuration` write it as Go prints it (`'30s'`, `'1m0s'`,
   * `'0s'`); the parser turns it into nanoseconds.
   */
  readonly default: FlagValue;
  /**
   * pflag's NoOptDefVal: the value used when the flag is given without `=value` (then the next
   * argument is never consumed). Every bool has `'true'` implicitly; kubectl sets it on
   * `--dry-run` (`unchanged`), `--validate` (`strict`) and `--cascade` (`background`).
   */
  readonly noOptDefault?: string;
  /** MarkDeprecated's message: using the flag prints `Flag --<name> has been deprecated, <msg>`. */
  readonly deprecated?: string;
  /** MarkShorthandDeprecated's message. */
  readonly shorthandDeprecated?: string;
  /** Not shown in help (deprecated flags are hidden too). */
  readonly hidden?: boolean;
}

export type FlagTable = readonly FlagSpec[];

export interface ParseFlagsOptions {
  /** pflag's SetInterspersed: flags may follow positional arguments (default true). */
  interspersed?: boolean;
  /**
   * pflag's normalize func, applied to long names when looking them up (kubectl's
   * WarnWordSepNormalizeFunc turns `_` into `-`, see {@link wordSepNormalize}).
   */
  normalize?: (name: string) => string;
}

export type ParseFlagsResult =
  | {
      ok: true;
      /** Every flag of the table by long name: its parsed value, or its default. */
      flags: Record<string, FlagValue>;
      /** Positional arguments, in order, including everything after `--`. */
      args: string[];
      /** pflag's ArgsLenAtDash: how many of `args` came before `--`, or -1 without one. */
      dashDashAt: number;
      /** Long names of the flags given on the command line (cobra's `Changed`), first-set order. */
      changed: string[];
      /**
       * Deprecation notices, one line each without the newline (`Flag --record has been
       * deprecated, --record will be removed in the future`). Cobra prints them to stderr only
       * when parsing succeeds.
       */
      warnings: string[];
    }
  | { ok: false; error: string };

/** kubectl's cliflag.WarnWordSepNormalizeFunc: `--all_namespaces` means `--all-namespaces`. */
export function wordSepNormalize(name: string): string {
  return name.includes('_') ? name.replaceAll('_', '-') : name;
}

/**
 * How kubectl prints a flag parse error (templates.FlagErrorFunc, then cmdutil.CheckErr): on
 * stderr, exit code 1. `cmdPath` is cobra's CommandPath, which uses each command's name and
 * never the alias typed (`kubectl create deploy x --foo` says `kubectl create deployment`).
 */
export function formatFlagError(cmdPath: string, msg: string): string {
  return `error: ${msg}\nSee '${cmdPath} --help' for usage.\n`;
}

/** cmdutil.UsageErrorf as kubectl prints it: `error: <msg>\nSee '<path> -h' for help and examples\n`. */
export function formatUsageError(cmdPath: string, msg: string): string {
  return `error: ${msg}\nSee '${cmdPath} -h' for help and examples\n`;
}

// ---------------------------------------------------------------------------------------------
// Compiled tables

interface CompiledTable {
  byName: Map<string, FlagSpec>;
  byShort: Map<string, FlagSpec>;
}

const compiled = new WeakMap<FlagTable, CompiledTable>();

function compile(table: FlagTable): CompiledTable {
  let c = compiled.get(table);
  if (!c) {
    c = { byName: new Map(), byShort: new Map() };
    for (const spec of table) {
      if (!c.byName.has(spec.name)) c.byName.set(spec.name, spec);
      if (spec.shorthand && !c.byShort.has(spec.shorthand)) c.byShort.set(spec.shorthand, spec);
    }
    compiled.set(table, c);
  }
  return c;
}

/** Looks a long flag name up the way pflag does (after normalizing it). */
export function lookupFlag(table: FlagTable, name: string, opts: ParseFlagsOptions = {}): FlagSpec | undefined {
  const norm = opts.normalize ?? ((n: string) => n);
  return compile(table).byName.get(norm(name));
}

/** Looks a shorthand up (its first character only, as pflag's ShorthandLookup). */
export function lookupShorthand(table: FlagTable, shorthand: string): FlagSpec | undefined {
  return compile(table).byShort.get(shorthand.slice(0, 1));
}

/** The NoOptDefVal pflag uses for a spec: bools always have `true`. */
export function noOptDefaultOf(spec: FlagSpec): string {
  if (spec.noOptDefault !== undefined) return spec.noOptDefault;
  return spec.type === 'bool' ? 'true' : '';
}

/** The default value of a spec in parsed form (durations in nanoseconds, arrays copied). */
export function defaultValue(spec: FlagSpec): FlagValue {
  const d = spec.default;
  if ((spec.type === 'duration' || spec.type === 'goDuration') && typeof d === 'string') {
    const r = goParseDuration(d);
    return r.ok ? Number(r.value) : 0;
  }
  if (Array.isArray(d)) return [...d];
  if (typeof d === 'object') return { ...d };
  return d;
}

// ---------------------------------------------------------------------------------------------
// Value setters (each pflag Value's Set)

function bigToNumber(r: GoResult<bigint>): GoResult<number> {
  return r.ok ? { ok: true, value: Number(r.value) } : r;
}

/** klog's moduleSpec.Set. */
function checkVmodule(value: string): string | null {
  for (const pat of value.split(',')) {
    if (pat.length === 0) continue;
    const patLev = pat.split('=');
    if (patLev.length !== 2 || patLev[0].length === 0 || patLev[1].length === 0) {
      return 'syntax error: expect comma-separated list of filename=N';
    }
    const v = goParseInt(patLev[1], 10, 32);
    if (!v.ok) return 'syntax error: expect comma-separated list of filename=N';
    if (v.value < 0n) return 'negative value for vmodule level';
  }
  return null;
}

/** Sets one value; returns the error text of the Value's Set, or null. */
function setValue(
  spec: FlagSpec,
  raw: string,
  current: FlagValue,
  alreadyChanged: boolean,
): { ok: true; value: FlagValue } | { ok: false; error: string } {
  switch (spec.type) {
    case 'bool':
      return goParseBool(raw);
    case 'string':
      return { ok: true, value: raw };
    case 'int':
    case 'int64':
      return bigToNumber(goParseInt(raw, 0, 64));
    case 'int32':
      return bigToNumber(goParseInt(raw, 0, 32));
    case 'uint':
      return bigToNumber(goParseUint(raw, 0, 64));
    case 'klogLevel':
      return bigToNumber(goParseInt(raw, 10, 32));
    case 'duration':
      return bigToNumber(goParseDuration(raw));
    case 'goDuration': {
      const r = goParseDuration(raw);
      return r.ok ? { ok: true, value: Number(r.value) } : { ok: false, error: 'parse error' };
    }
    case 'vmodule': {
      const err = checkVmodule(raw);
      return err ? { ok: false, error: err } : { ok: true, value: raw };
    }
    case 'stringArray': {
      const prev = alreadyChanged && Array.isArray(current) ? current : [];
      return { ok: true, value: [...prev, raw] };
    }
    case 'stringSlice': {
      // pflag's readAsCSV: "" is an empty list, anything else one CSV record.
      let items: string[] = [];
      if (raw !== '') {
        const r = goCsvReadRecord(raw);
        if (!r.ok) return r;
        items = r.value;
      }
      const prev = alreadyChanged && Array.isArray(current) ? current : [];
      return { ok: true, value: [...prev, ...items] };
    }
    case 'stringToString': {
      const n = raw.split('=').length - 1;
      let ss: string[];
      if (n === 0) return { ok: false, error: `${raw} must be formatted as key=value` };
      if (n === 1) ss = [raw.replace(/^"+|"+$/g, '')];
      else {
        const r = goCsvReadRecord(raw);
        if (!r.ok) return r;
        ss = r.value;
      }
      const out: Record<string, string> = {};
      for (const pair of ss) {
        const eq = pair.indexOf('=');
        if (eq < 0) return { ok: false, error: `${pair} must be formatted as key=value` };
        out[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      const prev = alreadyChanged && typeof current === 'object' && !Array.isArray(current) ? current : {};
      return { ok: true, value: { ...prev, ...out } };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The parser

/**
 * Parses `args` (without the command name) against `table`, exactly as pflag's FlagSet.Parse
 * with ContinueOnError:
 *
 * - `--name=value`, `--name value`, `--name` alone for bools (and flags with a NoOptDefVal),
 *   where `--name value` never takes `value` for those;
 * - `-n value`, `-nvalue`, `-n=value`, combined shorthands `-it`, where the first shorthand that
 *   takes a value swallows the rest of the group (`-itnfoo` is `-i -t -n foo`);
 * - `--` ends the flags; what follows is positional and `dashDashAt` records where it was;
 * - a lone `-` or an empty string is positional;
 * - with `interspersed: false` the first positional argument ends flag parsing.
 */
export function parseFlags(args: readonly string[], table: FlagTable, opts: ParseFlagsOptions = {}): ParseFlagsResult {
  const { byShort } = compile(table);
  const interspersed = opts.interspersed ?? true;
  const normalize = opts.normalize ?? ((n: string) => n);
  const flags: Record<string, FlagValue> = {};
  for (const spec of table) if (!(spec.name in flags)) flags[spec.name] = defaultValue(spec);
  const changed: string[] = [];
  const changedSet = new Set<string>();
  const warnings: string[] = [];
  const positional: string[] = [];
  let dashDashAt = -1;

  // FlagSet.Set: parse the value, mark changed, note deprecation.
  const set = (spec: FlagSpec, value: string): string | null => {
    const r = setValue(spec, value, flags[spec.name], changedSet.has(spec.name));
    if (!r.ok) {
      const flagName =
        spec.shorthand && !spec.shorthandDeprecated ? `-${spec.shorthand}, --${spec.name}` : `--${spec.name}`;
      return `invalid argument ${goQuote(value)} for ${goQuote(flagName)} flag: ${r.error}`;
    }
    flags[spec.name] = r.value;
    if (!changedSet.has(spec.name)) {
      changedSet.add(spec.name);
      changed.push(spec.name);
    }
    if (spec.deprecated) warnings.push(`Flag --${spec.name} has been deprecated, ${spec.deprecated}`);
    return null;
  };

  let rest = [...args];
  while (rest.length > 0) {
    const s = rest[0];
    rest = rest.slice(1);
    if (s.length === 0 || s[0] !== '-' || s.length === 1) {
      if (!interspersed) {
        positional.push(s, ...rest);
        rest = [];
        break;
      }
      positional.push(s);
      continue;
    }
    if (s[1] === '-') {
      if (s.length === 2) {
        // "--" terminates the flags
        dashDashAt = positional.length;
        positional.push(...rest);
        rest = [];
        break;
      }
      // parseLongArg
      const full = s.slice(2);
      if (full.length === 0 || full[0] === '-' || full[0] === '=') return { ok: false, error: `bad flag syntax: ${s}` };
      const eq = full.indexOf('=');
      const name = eq >= 0 ? full.slice(0, eq) : full;
      const spec = compile(table).byName.get(normalize(name));
      if (!spec) return { ok: false, error: `unknown flag: --${name}` };
      let value: string;
      const noOpt = noOptDefaultOf(spec);
      if (eq >= 0) value = full.slice(eq + 1);
      else if (noOpt !== '') value = noOpt;
      else if (rest.length > 0) {
        value = rest[0];
        rest = rest.slice(1);
      } else return { ok: false, error: `flag needs an argument: ${s}` };
      const err = set(spec, value);
      if (err) return { ok: false, error: err };
      continue;
    }
    // parseShortArg. pflag hands every shorthand in the group the *original* remaining args,
    // and keeps whatever the last one returned.
    const groupArgs = rest;
    let shorthands = s.slice(1);
    let outArgs = groupArgs;
    while (shorthands.length > 0) {
      if (shorthands.startsWith('test.')) break;
      const ch = String.fromCodePoint(shorthands.codePointAt(0)!);
      const spec = ch.length === 1 && ch.charCodeAt(0) < 0x80 ? byShort.get(ch) : undefined;
      if (!spec) {
        // Go indexes bytes: the flag letter printed is the first UTF-8 byte as a rune.
        const c = utf8Bytes(shorthands)[0];
        return { ok: false, error: `unknown shorthand flag: ${goQuoteRune(c)} in -${shorthands}` };
      }
      let value: string;
      let nextShorts = shorthands.slice(1);
      outArgs = groupArgs;
      const noOpt = noOptDefaultOf(spec);
      if (shorthands.length > 2 && shorthands[1] === '=') {
        value = shorthands.slice(2);
        nextShorts = '';
      } else if (noOpt !== '') {
        value = noOpt;
      } else if (shorthands.length > 1) {
        value = shorthands.slice(1);
        nextShorts = '';
      } else if (groupArgs.length > 0) {
        value = groupArgs[0];
        outArgs = groupArgs.slice(1);
      } else {
        return { ok: false, error: `flag needs an argument: ${goQuoteRune(ch.charCodeAt(0))} in -${shorthands}` };
      }
      if (spec.shorthandDeprecated) {
        warnings.push(`Flag shorthand -${spec.shorthand} has been deprecated, ${spec.shorthandDeprecated}`);
      }
      const err = set(spec, value);
      if (err) return { ok: false, error: err };
      shorthands = nextShorts;
    }
    rest = outArgs;
  }
  return { ok: true, flags, args: positional, dashDashAt, changed, warnings };
}

/** A duration flag value (nanoseconds) in milliseconds, for an injected clock. */
export function durationMs(ns: FlagValue): number {
  return typeof ns === 'number' ? ns / 1e6 : 0;
}
