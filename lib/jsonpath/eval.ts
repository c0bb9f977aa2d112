// The evaluator of client-go `util/jsonpath/jsonpath.go` (FindResults, walk, PrintResults), over
// decoded-JSON values instead of reflect.Values.
//
// Values are plain JSON data (objects, arrays, strings, numbers, booleans, null) plus a few Go
// types that only the engine itself produces: `int` and `float64` literals from the template, the
// `uint8` bytes that `.*` and `..` yield for a string, and the invalid reflect.Value that a
// `{range}` body sees for a null element or an empty range. They matter for type names in errors
// ("int64 is not array or slice"), for filter comparisons ("incompatible types for comparison"
// between 1 and 1.0) and for printing ("<no value>").
//
// Determinism: Go visits map keys in random order for `.*`, `[*]` on maps and `..`; kubectl's own
// output for `{..name}` varies run to run. We visit keys in sorted (bytewise) order, the order
// encoding/json and fmt print them in.

import {
  compareGoStrings,
  formatGoFloat,
  formatGoInt,
  formatGoNumber,
  goJSONMarshal,
  goJSONMarshalIndent,
  formatGoNumberLike,
  goSprint,
  isGoInt64,
  isGoNumber,
  sortedKeys,
} from './gofmt';
import type { ListNode, Node, Template } from './parser';

/** A Go `int` (an integer literal in the template). */
class GoInt {
  constructor(readonly n: number) {}
}
/** A Go `float64` literal in the template (`1.0` stays a float, unlike JSON data in JS). */
class GoFloat {
  constructor(readonly n: number) {}
}
/** A Go `uint8`: one byte of a string's UTF-8 encoding. */
class GoByte {
  constructor(readonly n: number) {}
}
/** reflect.ValueOf(nil): the invalid Value. */
const INVALID: unique symbol = Symbol('invalid reflect.Value');

type Val = unknown;

const UTF8 = new TextEncoder();

interface Step {
  vals: Val[];
  err?: string;
}

export interface ExecuteOptions {
  /**
   * client-go's AllowMissingKeys. Off by default as in client-go; kubectl's `-o jsonpath` and
   * custom-columns turn it on (`--allow-missing-template-keys` defaults to true).
   */
  allowMissingKeys?: boolean;
}

function isWrapper(v: unknown): boolean {
  return v instanceof GoInt || v instanceof GoFloat || v instanceof GoByte;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isWrapper(v) && !isGoNumber(v);
}

/** template.Indirect: a nil interface reports isNil; everything else is itself. */
function isNil(v: Val): boolean {
  return v === null || v === undefined;
}

function elem(arr: unknown[], i: number): Val {
  const v = arr[i];
  return v === undefined ? null : v;
}

/** reflect.Value.Type().String() for the values we can hold. */
function typeName(v: Val): string {
  if (v instanceof GoInt) return 'int';
  if (v instanceof GoFloat) return 'float64';
  if (v instanceof GoByte) return 'uint8';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return isGoInt64(v) ? 'int64' : 'float64';
  if (isGoNumber(v)) return v.goType;
  if (Array.isArray(v)) return '[]interface {}';
  if (isMap(v)) return 'map[string]interface {}';
  return 'interface {}';
}

/** `%v` of a reflect.Value. */
function sprintValue(v: Val): string {
  if (v === INVALID) return '<invalid reflect.Value>';
  if (v instanceof GoFloat) return formatGoFloat(v.n);
  if (v instanceof GoInt || v instanceof GoByte) return formatGoInt(v.n);
  return goSprint(v);
}

/** The children that `.*` and `..` visit: map values, array elements, a string's bytes. */
function children(v: Val): Val[] {
  if (Array.isArray(v)) return v.map((_, i) => elem(v, i));
  if (typeof v === 'string') return Array.from(UTF8.encode(v), (b) => new GoByte(b));
  if (isMap(v)) return sortedKeys(v).map((k) => v[k]);
  return [];
}

/** value.Interface() fed back to reflect.ValueOf: a nil element becomes the invalid Value. */
function reflectAgain(v: Val): Val {
  return v === null || v === undefined ? INVALID : v;
}

class GoError {
  constructor(readonly message: string) {}
}

type Kind = 'bool' | 'int' | 'uint' | 'float' | 'string';

function basicKind(v: Val): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return isGoInt64(v) ? 'int' : 'float';
  if (isGoNumber(v)) return v.goType === 'int64' ? 'int' : 'float';
  if (v instanceof GoInt) return 'int';
  if (v instanceof GoFloat) return 'float';
  if (v instanceof GoByte) return 'uint';
  throw new GoError('invalid type for comparison');
}

function num(v: Val): number {
  // An int64 beyond ±2^53 compares by its nearest double, a simplification of Go's exact compare.
  if (isGoNumber(v)) return v.value;
  return typeof v === 'number' ? v : (v as GoInt).n;
}

// The comparison functions of client-go's third_party/forked/golang/template/funcs.go.
function goEqual(a: Val, b: Val): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return num(a) >= 0 && num(a) === num(b);
    if (k1 === 'uint' && k2 === 'int') return num(b) >= 0 && num(a) === num(b);
    throw new GoError('incompatible types for comparison');
  }
  if (k1 === 'bool' || k1 === 'string') return a === b;
  return num(a) === num(b);
}

function goLess(a: Val, b: Val): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return num(a) < 0 || num(a) < num(b);
    if (k1 === 'uint' && k2 === 'int') return num(b) >= 0 && num(a) < num(b);
    throw new GoError('incompatible types for comparison');
  }
  if (k1 === 'bool') throw new GoError('invalid type for comparison');
  if (k1 === 'string') return compareGoStrings(a as string, b as string) < 0;
  return num(a) < num(b);
}

function compare(op: string, a: Val, b: Val): boolean | null {
  switch (op) {
    case '<':
      return goLess(a, b);
    case '>':
      return !(goLess(a, b) || goEqual(a, b));
    case '==':
      return goEqual(a, b);
    case '!=':
      return !goEqual(a, b);
    case '<=':
      return goLess(a, b) || goEqual(a, b);
    case '>=':
      return !goLess(a, b);
  }
  return null;
}

export class Runner {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode = -1;

  constructor(
    private readonly nodes: Node[],
    private readonly allowMissingKeys: boolean,
  ) {}

  /**
   * FindResults: one result list per top-level node. `{range}` re-runs the nodes after it for
   * every value (client-go slices Root.Nodes; we pass the offset), the `{end}` that stops the
   * innermost body is remembered and execution resumes after it. Without an `{end}` the body
   * simply runs to the end of the template and then once more against the outer object, as in Go.
   */
  find(data: Val, offset: number): { results: Val[][] } | { err: string } {
    const cur = [data];
    const full: Val[][] = [];
    const n = this.nodes.length - offset;
    for (let i = 0; i < n; i++) {
      const step = this.walk(cur, this.nodes[offset + i]);
      if (step.err !== undefined) return { err: step.err };

      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = offset + i;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (step.vals.length > 0) {
          for (const value of step.vals) {
            const r = this.find(reflectAgain(value), offset + i + 1);
            if ('err' in r) return r;
            full.push(...r.results);
          }
        } else {
          // An empty range still runs its body once (against nothing) to find its {end}.
          const r = this.find(INVALID, offset + i + 1);
          if ('err' in r) return r;
        }
        this.inRange--;
        for (let k = i + 1; k < n; k++) {
          if (offset + k === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(step.vals);
    }
    return { results: full };
  }

  private walk(input: Val[], node: Node): Step {
    switch (node.type) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return { vals: [node.text] };
      case 'field':
        return this.evalField(input, node.name);
      case 'array':
        return this.evalArray(input, node);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
        return { vals: input.map(() => new GoInt(node.value)) };
      case 'float':
        return { vals: input.map(() => new GoFloat(node.value)) };
      case 'bool':
        return { vals: input.map(() => node.value) };
      case 'wildcard':
        return this.evalWildcard(input);
      case 'recursive':
        return { vals: this.evalRecursive(input) };
      case 'union':
        return this.evalUnion(input, node.nodes);
      case 'identifier':
        return this.evalIdentifier(input, node.name);
    }
  }

  private evalList(input: Val[], list: ListNode): Step {
    let cur = input;
    for (const node of list.nodes) {
      const step = this.walk(cur, node);
      cur = step.vals;
      if (step.err !== undefined) return { vals: cur, err: step.err };
    }
    return { vals: cur };
  }

  private evalIdentifier(input: Val[], name: string): Step {
    switch (name) {
      case 'range':
        this.beginRange++;
        return { vals: input };
      case 'end':
        if (this.inRange > 0) {
          this.endRange++;
          return { vals: [] };
        }
        return { vals: [], err: 'not in range, nothing to end' };
    }
    return { vals: input, err: `unrecognized identifier ${name}` };
  }

  private evalField(input: Val[], name: string): Step {
    if (input.length === 0) return { vals: [] };
    const results: Val[] = [];
    for (const value of input) {
      if (isNil(value)) continue;
      if (isMap(value) && Object.prototype.hasOwnProperty.call(value, name) && value[name] !== undefined) {
        results.push(value[name]);
      }
    }
    if (results.length === 0 && !this.allowMissingKeys) return { vals: [], err: `${name} is not found` };
    return { vals: results };
  }

  private evalArray(input: Val[], node: Extract<Node, { type: 'array' }>): Step {
    const result: Val[] = [];
    for (const value of input) {
      if (isNil(value)) continue;
      // kubectl panics asking the invalid Value for its type; report the panic's message instead.
      if (value === INVALID) return { vals: input, err: 'reflect: call of reflect.Value.Type on zero Value' };
      if (!Array.isArray(value)) return { vals: input, err: `${typeName(value)} is not array or slice` };
      const [p0, p1, p2] = node.params.map((p) => ({ ...p }));
      const length = value.length;
      if (!p0.known) p0.value = 0;
      if (p0.value < 0) p0.value += length;
      if (!p1.known) p1.value = length;
      if (p1.value < 0 || (p1.value === 0 && p1.derived)) p1.value += length;
      if (p1.value === p0.value) {
        // Zero elements requested: client-go returns at once, skipping any remaining inputs.
        return { vals: result };
      }
      if (p0.value >= length || p0.value < 0) {
        return { vals: input, err: `array index out of bounds: index ${p0.value}, length ${length}` };
      }
      if (p1.value > length || p1.value < 0) {
        return { vals: input, err: `array index out of bounds: index ${p1.value - 1}, length ${length}` };
      }
      if (p0.value > p1.value) {
        return { vals: input, err: `starting index ${p0.value} is greater than ending index ${p1.value}` };
      }
      let step = 1;
      if (p2.known) {
        if (p2.value <= 0) return { vals: input, err: 'step must be > 0' };
        step = p2.value;
      }
      for (let i = p0.value; i < p1.value; i += step) result.push(elem(value, i));
    }
    return { vals: result };
  }

  private evalUnion(input: Val[], lists: ListNode[]): Step {
    const result: Val[] = [];
    for (const list of lists) {
      const step = this.evalList(input, list);
      if (step.err !== undefined) return { vals: input, err: step.err };
      result.push(...step.vals);
    }
    return { vals: result };
  }

  private evalWildcard(input: Val[]): Step {
    const results: Val[] = [];
    for (const value of input) {
      if (isNil(value)) continue;
      results.push(...children(value));
    }
    return { vals: results };
  }

  /** Pre-order: every value that has children, followed by its descendants. Leaves are left out. */
  private evalRecursive(input: Val[]): Val[] {
    const result: Val[] = [];
    for (const value of input) {
      if (isNil(value)) continue;
      const kids = children(value);
      if (kids.length !== 0) {
        result.push(value);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: Val[], node: Extract<Node, { type: 'filter' }>): Step {
    const results: Val[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) {
        return { vals: input, err: `${sprintValue(value)} is not array or slice and cannot be filtered` };
      }
      for (let i = 0; i < value.length; i++) {
        const item = elem(value, i);
        const temp = [item];
        const lefts = this.evalList(temp, node.left);
        if (node.operator === 'exists') {
          // Errors are ignored here, and a failing step hands back its input: so
          // `[?(@.tags[5])]` keeps every item that has a `tags` array at all (VERIFIED).
          if (lefts.vals.length > 0) results.push(item);
          continue;
        }
        if (lefts.err !== undefined) return { vals: input, err: lefts.err };
        if (lefts.vals.length === 0) continue;
        if (lefts.vals.length > 1) return { vals: input, err: 'can only compare one element at a time' };

        const rights = this.evalList(temp, node.right);
        if (rights.err !== undefined) return { vals: input, err: rights.err };
        if (rights.vals.length === 0) continue;
        if (rights.vals.length > 1) return { vals: input, err: 'can only compare one element at a time' };

        let pass: boolean | null;
        try {
          pass = compare(node.operator, lefts.vals[0], rights.vals[0]);
        } catch (e) {
          if (e instanceof GoError) return { vals: results, err: e.message };
          throw e;
        }
        if (pass === null) return { vals: results, err: `unrecognized filter operator ${node.operator}` };
        if (pass) results.push(item);
      }
    }
    return { vals: results };
  }
}

/** Runs a template; `{ err }` carries client-go's raw execution error. */
export function runTemplate(t: Template, data: unknown, opts: ExecuteOptions = {}) {
  const runner = new Runner(t.root.nodes, opts.allowMissingKeys ?? false);
  return runner.find(reflectAgain(data), 0);
}

/** A result value as plain data: Go literals become numbers, the invalid Value null. */
export function toPlain(v: Val): unknown {
  if (v instanceof GoInt || v instanceof GoFloat || v instanceof GoByte) return v.n;
  if (v === INVALID || v === undefined) return null;
  return v;
}

/**
 * PrintResults for one value: maps and arrays as compact JSON (json.Marshal), null as `null`,
 * the invalid Value as `<no value>`, anything else with fmt.Print.
 */
export function printValue(v: Val): string {
  if (Array.isArray(v) || isMap(v)) return goJSONMarshal(v);
  if (v === INVALID) return '<no value>';
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatGoNumber(v);
  if (isGoNumber(v)) return formatGoNumberLike(v);
  return sprintValue(v);
}

/** PrintResults for every action: values of one action joined by a single space. */
export function printResults(results: Val[][], outputJSON = false): string {
  let out = '';
  for (const list of results) {
    if (outputJSON) out += `${goJSONMarshalIndent(list.map(toPlain))}\n`;
    else out += list.map(printValue).join(' ');
  }
  return out;
}
