// Label selectors as apimachinery pkg/labels/selector.go parses, matches and prints them, and
// metav1.LabelSelector conversion (apimachinery pkg/apis/meta/v1/helpers.go). Errors are the
// strings the Go code produces, so the API server's BadRequest messages can be repeated verbatim.

import type { LabelSelector, Labels } from './types';
import { goQuote } from './errors';
import { isQualifiedName, isValidLabelValue } from './names';

export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export interface Selector {
  matches(labels: Record<string, string> | undefined): boolean;
  /** true when the selector does not restrict anything (labels.Everything()) */
  empty(): boolean;
  toString(): string;
  /** sorted by key; empty for Everything() and Nothing() */
  requirements: Requirement[];
}

export type ParseResult = { ok: true; selector: Selector } | { ok: false; error: string };

// ---------------------------------------------------------------------------------------------
// Requirements

function hasKey(labels: Record<string, string> | undefined, key: string): labels is Record<string, string> {
  return labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key);
}

/** strconv.ParseInt(s, 10, 64): optional sign, decimal digits, int64 range. */
function parseInt64(s: string): bigint | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return null;
  return v;
}

/** Requirement.Matches */
export function requirementMatches(r: Requirement, labels: Record<string, string> | undefined): boolean {
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return hasKey(labels, r.key) && r.values.includes(labels[r.key]);
    case 'notin':
    case '!=':
      // A missing key satisfies != and notin: `tier!=db` selects objects without a tier.
      return !hasKey(labels, r.key) || !r.values.includes(labels[r.key]);
    case 'exists':
      return hasKey(labels, r.key);
    case '!':
      return !hasKey(labels, r.key);
    case 'gt':
    case 'lt': {
      if (!hasKey(labels, r.key) || r.values.length !== 1) return false;
      const have = parseInt64(labels[r.key]);
      const want = parseInt64(r.values[0]);
      if (have === null || want === null) return false;
      return r.operator === 'gt' ? have > want : have < want;
    }
  }
}

function sortedCopy(values: string[]): string[] {
  return [...values].sort(compareStrings);
}

/** Go compares strings bytewise; UTF-16 order differs only for astral characters, which label values cannot hold. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Requirement.String: `!k`, `k`, `k=v`, `k in (a,b)` with in/notin values sorted. */
export function requirementString(r: Requirement): string {
  let s = r.operator === '!' ? `!${r.key}` : r.key;
  switch (r.operator) {
    case '=':
      s += '=';
      break;
    case '==':
      s += '==';
      break;
    case '!=':
      s += '!=';
      break;
    case 'in':
      s += ' in ';
      break;
    case 'notin':
      s += ' notin ';
      break;
    case 'gt':
      s += '>';
      break;
    case 'lt':
      s += '<';
      break;
    case 'exists':
    case '!':
      return s;
  }
  const set = r.operator === 'in' || r.operator === 'notin';
  if (set) s += '(';
  s += r.values.length === 1 ? r.values[0] : sortedCopy(r.values).join(',');
  if (set) s += ')';
  return s;
}

// field.Error rendering for NewRequirement's messages (apimachinery util/validation/field).
// A nil *field.Path prints as `<nil>`; the parser validates keys with a nil path.

function goStringSlice(values: string[] | null): string {
  if (values === null) return '[]string(nil)';
  return `[]string{${values.map(goQuote).join(', ')}}`;
}

/** utilerrors.Aggregate.Error() over a deduplicated field.ErrorList */
function aggregate(msgs: string[]): string | null {
  const uniq = [...new Set(msgs)];
  if (uniq.length === 0) return null;
  if (uniq.length === 1) return uniq[0];
  return `[${uniq.join(', ')}]`;
}

function validateLabelKey(key: string, path: string): string | null {
  const errs = isQualifiedName(key);
  return errs.length ? `${path}: Invalid value: ${goQuote(key)}: ${errs.join('; ')}` : null;
}

/**
 * labels.NewRequirement's validation, with field paths as the parser produces them (`key`,
 * `values`, `values[0][app]`). `rawValues` null stands for a nil Go slice. Returns the
 * aggregated error message or null.
 */
export function validateRequirement(key: string, op: Operator, rawValues: string[] | null): string | null {
  const vals = rawValues ?? [];
  const errs: string[] = [];
  const keyErr = validateLabelKey(key, 'key');
  if (keyErr) errs.push(keyErr);
  switch (op) {
    case 'in':
    case 'notin':
      if (vals.length === 0) errs.push(`values: Invalid value: ${goStringSlice(rawValues)}: for 'in', 'notin' operators, values set can't be empty`);
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) errs.push(`values: Invalid value: ${goStringSlice(rawValues)}: exact-match compatibility requires one single value`);
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0) errs.push(`values: Invalid value: ${goStringSlice(rawValues)}: values set must be empty for exists and does not exist`);
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) errs.push(`values: Invalid value: ${goStringSlice(rawValues)}: for 'Gt', 'Lt' operators, exactly one value is required`);
      vals.forEach((v, i) => {
        if (parseInt64(v) === null) errs.push(`values[${i}]: Invalid value: ${goQuote(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
      });
      break;
  }
  vals.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length) errs.push(`values[${i}][${key}]: Invalid value: ${goQuote(v)}: ${msgs.join('; ')}`);
  });
  return aggregate(errs);
}

// ---------------------------------------------------------------------------------------------
// Selectors

function byKey(reqs: Requirement[]): Requirement[] {
  // Go's sort.Sort(ByKey) is an insertion sort for short lists, hence stable in practice.
  return [...reqs].sort((a, b) => compareStrings(a.key, b.key));
}

function makeSelector(requirements: Requirement[]): Selector {
  const reqs = byKey(requirements);
  return {
    requirements: reqs,
    matches: (labels) => reqs.every((r) => requirementMatches(r, labels)),
    empty: () => reqs.length === 0,
    toString: () => reqs.map(requirementString).join(','),
  };
}

/** labels.Everything(): matches every object, prints as the empty string. */
export function everything(): Selector {
  return makeSelector([]);
}

/** labels.Nothing(): matches no object; what a nil *metav1.LabelSelector becomes. */
export function nothing(): Selector {
  return {
    requirements: [],
    matches: () => false,
    empty: () => false,
    toString: () => '',
  };
}

/** Builds a selector from requirements without validating them (Selector.Add). */
export function selectorFromRequirements(reqs: Requirement[]): Selector {
  return makeSelector(reqs.map((r) => ({ key: r.key, operator: r.operator, values: [...r.values] })));
}

/** labels.SelectorFromSet: `k=v` for each pair; an empty or missing set is Everything(). No validation. */
export function selectorFromSet(labels: Labels | undefined): Selector {
  if (!labels) return everything();
  return makeSelector(Object.entries(labels).map(([key, v]) => ({ key, operator: '=' as const, values: [v] })));
}

// ---------------------------------------------------------------------------------------------
// The parser (labels.Parse)

enum Tok {
  Error = 0,
  EndOfString,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

const STRING_TO_TOKEN: Record<string, Tok> = {
  ')': Tok.ClosedPar,
  ',': Tok.Comma,
  '!': Tok.DoesNotExist,
  '==': Tok.DoubleEquals,
  '=': Tok.Equals,
  '>': Tok.GreaterThan,
  in: Tok.In,
  '<': Tok.LessThan,
  '!=': Tok.NotEquals,
  notin: Tok.NotIn,
  '(': Tok.OpenPar,
};

function tokenFor(s: string): Tok | undefined {
  return Object.prototype.hasOwnProperty.call(STRING_TO_TOKEN, s) ? STRING_TO_TOKEN[s] : undefined;
}

interface Item {
  tok: Tok;
  lit: string;
}

const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string) => ch === '=' || ch === '!' || ch === '(' || ch === ')' || ch === ',' || ch === '>' || ch === '<';

/** The Lexer: whitespace separates, special symbols form the longest known operator. */
function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos])) pos++;
    if (pos >= s.length) {
      items.push({ tok: Tok.EndOfString, lit: '' });
      return items;
    }
    if (isSpecial(s[pos])) {
      let buffer = '';
      let last: Item | null = null;
      while (pos < s.length && isSpecial(s[pos])) {
        buffer += s[pos];
        const t = tokenFor(buffer);
        if (t !== undefined) {
          last = { tok: t, lit: buffer };
          pos++;
        } else if (last) {
          break;
        } else {
          pos++;
        }
      }
      items.push(last ?? { tok: Tok.Error, lit: `error expected: keyword found '${buffer}'` });
    } else {
      let buffer = '';
      while (pos < s.length && !isSpecial(s[pos]) && !isWhitespace(s[pos])) buffer += s[pos++];
      const t = tokenFor(buffer);
      items.push({ tok: t ?? Tok.Identifier, lit: buffer });
    }
  }
}

class ParseError extends Error {}

const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];

class Parser {
  private pos = 0;
  constructor(private readonly items: Item[]) {}

  /** In the Values context `in` and `notin` are plain identifiers (`x in (in)`). */
  private lookahead(values: boolean): Item {
    return this.asContext(this.items[this.pos], values);
  }

  private consume(values: boolean): Item {
    return this.asContext(this.items[this.pos++], values);
  }

  private asContext(it: Item, values: boolean): Item {
    if (values && (it.tok === Tok.In || it.tok === Tok.NotIn)) return { tok: Tok.Identifier, lit: it.lit };
    return it;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(true);
      switch (tok) {
        case Tok.Identifier:
        case Tok.DoesNotExist: {
          try {
            reqs.push(this.parseRequirement());
          } catch (e) {
            if (e instanceof ParseError) throw new ParseError(`unable to parse requirement: ${e.message}`);
            throw e;
          }
          const next = this.consume(true);
          if (next.tok === Tok.EndOfString) return reqs;
          if (next.tok === Tok.Comma) {
            const after = this.lookahead(true);
            if (after.tok !== Tok.Identifier && after.tok !== Tok.DoesNotExist) {
              throw new ParseError(`found '${after.lit}', expected: identifier after ','`);
            }
            break;
          }
          throw new ParseError(`found '${next.lit}', expected: ',' or 'end of string'`);
        }
        case Tok.EndOfString:
          return reqs;
        default:
          throw new ParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): Requirement {
    const [key, inferred] = this.parseKeyAndInferOperator();
    if (inferred === 'exists' || inferred === '!') return this.newRequirement(key, inferred, []);
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    // sets.String.List(): deduplicated and sorted
    return this.newRequirement(key, op, [...new Set(values)].sort(compareStrings));
  }

  private newRequirement(key: string, op: Operator, values: string[]): Requirement {
    const err = validateRequirement(key, op, values);
    if (err) throw new ParseError(err);
    return { key, operator: op, values };
  }

  private parseKeyAndInferOperator(): [string, Operator | null] {
    let op: Operator | null = null;
    let { tok, lit } = this.consume(true);
    if (tok === Tok.DoesNotExist) {
      op = '!';
      ({ tok, lit } = this.consume(true));
    }
    if (tok !== Tok.Identifier) throw new ParseError(`found '${lit}', expected: identifier`);
    const keyErr = validateLabelKey(lit, '<nil>');
    if (keyErr) throw new ParseError(keyErr);
    const t = this.lookahead(true).tok;
    if ((t === Tok.EndOfString || t === Tok.Comma) && op !== '!') op = 'exists';
    return [lit, op];
  }

  private parseOperator(): Operator {
    const { tok, lit } = this.consume(false);
    switch (tok) {
      case Tok.In:
        return 'in';
      case Tok.Equals:
        return '=';
      case Tok.DoubleEquals:
        return '==';
      case Tok.GreaterThan:
        return 'gt';
      case Tok.LessThan:
        return 'lt';
      case Tok.NotIn:
        return 'notin';
      case Tok.NotEquals:
        return '!=';
      default:
        throw new ParseError(`found '${lit}', expected: ${BINARY_OPERATORS.join(', ')}`);
    }
  }

  private parseValues(): string[] {
    const open = this.consume(true);
    // sic: upstream has no comma before "expected" in this one message
    if (open.tok !== Tok.OpenPar) throw new ParseError(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead(true);
    switch (tok) {
      case Tok.Identifier:
      case Tok.Comma: {
        const s = this.parseIdentifiersList();
        if (this.consume(true).tok !== Tok.ClosedPar) throw new ParseError(`found '${lit}', expected: ')'`);
        return s;
      }
      case Tok.ClosedPar:
        this.consume(true);
        return [''];
      default:
        throw new ParseError(`found '${lit}', expected: ',', ')' or identifier`);
    }
  }

  private parseIdentifiersList(): string[] {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume(true);
      switch (tok) {
        case Tok.Identifier: {
          s.add(lit);
          const next = this.lookahead(true);
          if (next.tok === Tok.Comma) continue;
          if (next.tok === Tok.ClosedPar) return [...s];
          throw new ParseError(`found '${next.lit}', expected: ',' or ')'`);
        }
        case Tok.Comma: {
          if (s.size === 0) s.add(''); // "(,"
          const next = this.lookahead(true);
          if (next.tok === Tok.ClosedPar) {
            s.add(''); // ",)"
            return [...s];
          }
          if (next.tok === Tok.Comma) {
            this.consume(true);
            s.add(''); // ",,"
          }
          break;
        }
        default:
          throw new ParseError(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): string[] {
    const ahead = this.lookahead(true);
    if (ahead.tok === Tok.EndOfString || ahead.tok === Tok.Comma) return [''];
    const { tok, lit } = this.consume(true);
    if (tok === Tok.Identifier) return [lit];
    throw new ParseError(`found '${lit}', expected: identifier`);
  }
}

/**
 * labels.Parse: `app=web,tier in (a,b),!canary,version>2`. Requirements come back sorted by
 * key. Errors are upstream's, e.g. `unable to parse requirement: found 'b' expected: '('`.
 */
export function parseSelector(s: string): ParseResult {
  try {
    const reqs = new Parser(lex(s)).parse();
    return { ok: true, selector: makeSelector(reqs) };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// metav1.LabelSelector

const EXPRESSION_OPERATORS: Record<string, Operator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * metav1.LabelSelectorAsSelector: a missing selector selects nothing, an empty `{}` selects
 * everything; matchLabels become `=` requirements, matchExpressions In/NotIn/Exists/DoesNotExist.
 */
export function labelSelectorAsSelector(ls: LabelSelector | undefined | null): ParseResult {
  if (ls === undefined || ls === null) return { ok: true, selector: nothing() };
  const matchLabels = ls.matchLabels ?? {};
  const exprs = ls.matchExpressions ?? [];
  if (Object.keys(matchLabels).length + exprs.length === 0) return { ok: true, selector: everything() };
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(matchLabels)) {
    const err = validateRequirement(k, '=', [v]);
    if (err) return { ok: false, error: err };
    reqs.push({ key: k, operator: '=', values: [v] });
  }
  for (const expr of exprs) {
    const op = Object.prototype.hasOwnProperty.call(EXPRESSION_OPERATORS, expr.operator) ? EXPRESSION_OPERATORS[expr.operator] : undefined;
    if (!op) return { ok: false, error: `${goQuote(String(expr.operator))} is not a valid label selector operator` };
    const values = expr.values && expr.values.length > 0 ? [...expr.values] : null;
    const err = validateRequirement(expr.key, op, values);
    if (err) return { ok: false, error: err };
    reqs.push({ key: expr.key, operator: op, values: values ?? [] });
  }
  return { ok: true, selector: makeSelector(reqs) };
}

/**
 * Like labelSelectorAsSelector, for selectors the store has already validated. An invalid
 * selector selects nothing rather than everything, which is the safe failure for controllers.
 */
export function selectorFromLabelSelector(ls: LabelSelector | undefined | null): Selector {
  const r = labelSelectorAsSelector(ls);
  return r.ok ? r.selector : nothing();
}

/** metav1.FormatLabelSelector: the selector's String(), `<none>` if that is empty, `<error>` if invalid. */
export function formatLabelSelector(ls: LabelSelector | undefined | null): string {
  const r = labelSelectorAsSelector(ls);
  if (!r.ok) return '<error>';
  const s = r.selector.toString();
  return s.length === 0 ? '<none>' : s;
}

/** labels.Set.String(): `k=v` pairs sorted by key, comma-joined. */
export function labelsString(labels: Labels | undefined): string {
  if (!labels) return '';
  return Object.keys(labels)
    .sort(compareStrings)
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

/** labels.FormatLabels: as labelsString, but `<none>` for no labels (the LABELS column). */
export function formatLabels(labels: Labels | undefined): string {
  const s = labelsString(labels);
  return s.length === 0 ? '<none>' : s;
}
