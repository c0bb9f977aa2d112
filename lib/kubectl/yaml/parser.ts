// go-yaml v2's parser (parserc.go) and its node composer (decode.go `parser`): tokens → events →
// a node tree with anchors resolved. Only the first document of the input is composed, exactly as
// yaml.Unmarshal does (kubectl splits the stream on `---` lines before calling it).

import { Scanner, YamlSyntaxError, toCodePoints, type Mark, type ScalarStyle, type Token } from './scanner';

type EventType =
  | 'STREAM-START'
  | 'STREAM-END'
  | 'DOCUMENT-START'
  | 'DOCUMENT-END'
  | 'ALIAS'
  | 'SCALAR'
  | 'SEQUENCE-START'
  | 'SEQUENCE-END'
  | 'MAPPING-START'
  | 'MAPPING-END';

interface YamlEvent {
  type: EventType;
  start: Mark;
  end: Mark;
  anchor?: string;
  tag?: string;
  value?: string;
  implicit?: boolean;
  style?: ScalarStyle;
}

type State =
  | 'STREAM_START'
  | 'IMPLICIT_DOCUMENT_START'
  | 'DOCUMENT_START'
  | 'DOCUMENT_CONTENT'
  | 'DOCUMENT_END'
  | 'BLOCK_NODE'
  | 'BLOCK_SEQUENCE_FIRST_ENTRY'
  | 'BLOCK_SEQUENCE_ENTRY'
  | 'INDENTLESS_SEQUENCE_ENTRY'
  | 'BLOCK_MAPPING_FIRST_KEY'
  | 'BLOCK_MAPPING_KEY'
  | 'BLOCK_MAPPING_VALUE'
  | 'FLOW_SEQUENCE_FIRST_ENTRY'
  | 'FLOW_SEQUENCE_ENTRY'
  | 'FLOW_SEQUENCE_ENTRY_MAPPING_KEY'
  | 'FLOW_SEQUENCE_ENTRY_MAPPING_VALUE'
  | 'FLOW_SEQUENCE_ENTRY_MAPPING_END'
  | 'FLOW_MAPPING_FIRST_KEY'
  | 'FLOW_MAPPING_KEY'
  | 'FLOW_MAPPING_VALUE'
  | 'FLOW_MAPPING_EMPTY_VALUE'
  | 'END';

const DEFAULT_TAGS: Record<string, string> = { '!': '!', '!!': 'tag:yaml.org,2002:' };

/** Nesting deeper than this is refused rather than risking the JS stack. */
export const MAX_DEPTH = 5000;

class EventParser {
  private state: State = 'STREAM_START';
  private states: State[] = [];
  private marks: Mark[] = [];
  private tagDirectives: Record<string, string> = { ...DEFAULT_TAGS };

  constructor(private readonly scanner: Scanner) {}

  private error(problem: string, problemMark: Mark, contextMark?: Mark): never {
    throw new YamlSyntaxError('parser', problem, problemMark, contextMark);
  }

  private peek(): Token {
    return this.scanner.peek();
  }

  private skip(): void {
    this.scanner.skip();
  }

  next(): YamlEvent {
    switch (this.state) {
      case 'STREAM_START': {
        const t = this.peek();
        if (t.type !== 'STREAM-START') this.error('did not find expected <stream-start>', t.start);
        this.state = 'IMPLICIT_DOCUMENT_START';
        this.skip();
        return { type: 'STREAM-START', start: t.start, end: t.end };
      }
      case 'IMPLICIT_DOCUMENT_START':
        return this.documentStart(true);
      case 'DOCUMENT_START':
        return this.documentStart(false);
      case 'DOCUMENT_CONTENT': {
        const t = this.peek();
        if (['VERSION-DIRECTIVE', 'TAG-DIRECTIVE', 'DOCUMENT-START', 'DOCUMENT-END', 'STREAM-END'].includes(t.type)) {
          this.state = this.states.pop()!;
          return this.emptyScalar(t.start);
        }
        return this.node(true, false);
      }
      case 'DOCUMENT_END': {
        const t = this.peek();
        let end = t.start;
        if (t.type === 'DOCUMENT-END') {
          end = t.end;
          this.skip();
        }
        this.tagDirectives = { ...DEFAULT_TAGS };
        this.state = 'DOCUMENT_START';
        return { type: 'DOCUMENT-END', start: t.start, end };
      }
      case 'BLOCK_NODE':
        return this.node(true, false);
      case 'BLOCK_SEQUENCE_FIRST_ENTRY':
        return this.blockSequenceEntry(true);
      case 'BLOCK_SEQUENCE_ENTRY':
        return this.blockSequenceEntry(false);
      case 'INDENTLESS_SEQUENCE_ENTRY': {
        let t = this.peek();
        if (t.type === 'BLOCK-ENTRY') {
          const mark = t.end;
          this.skip();
          t = this.peek();
          if (t.type !== 'BLOCK-ENTRY' && t.type !== 'KEY' && t.type !== 'VALUE' && t.type !== 'BLOCK-END') {
            this.states.push('INDENTLESS_SEQUENCE_ENTRY');
            return this.node(true, false);
          }
          this.state = 'INDENTLESS_SEQUENCE_ENTRY';
          return this.emptyScalar(mark);
        }
        this.state = this.states.pop()!;
        return { type: 'SEQUENCE-END', start: t.start, end: t.start };
      }
      case 'BLOCK_MAPPING_FIRST_KEY':
        return this.blockMappingKey(true);
      case 'BLOCK_MAPPING_KEY':
        return this.blockMappingKey(false);
      case 'BLOCK_MAPPING_VALUE': {
        let t = this.peek();
        if (t.type === 'VALUE') {
          const mark = t.end;
          this.skip();
          t = this.peek();
          if (t.type !== 'KEY' && t.type !== 'VALUE' && t.type !== 'BLOCK-END') {
            this.states.push('BLOCK_MAPPING_KEY');
            return this.node(true, true);
          }
          this.state = 'BLOCK_MAPPING_KEY';
          return this.emptyScalar(mark);
        }
        this.state = 'BLOCK_MAPPING_KEY';
        return this.emptyScalar(t.start);
      }
      case 'FLOW_SEQUENCE_FIRST_ENTRY':
        return this.flowSequenceEntry(true);
      case 'FLOW_SEQUENCE_ENTRY':
        return this.flowSequenceEntry(false);
      case 'FLOW_SEQUENCE_ENTRY_MAPPING_KEY': {
        const t = this.peek();
        if (t.type !== 'VALUE' && t.type !== 'FLOW-ENTRY' && t.type !== 'FLOW-SEQUENCE-END') {
          this.states.push('FLOW_SEQUENCE_ENTRY_MAPPING_VALUE');
          return this.node(false, false);
        }
        this.state = 'FLOW_SEQUENCE_ENTRY_MAPPING_VALUE';
        return this.emptyScalar(t.end);
      }
      case 'FLOW_SEQUENCE_ENTRY_MAPPING_VALUE': {
        let t = this.peek();
        if (t.type === 'VALUE') {
          this.skip();
          t = this.peek();
          if (t.type !== 'FLOW-ENTRY' && t.type !== 'FLOW-SEQUENCE-END') {
            this.states.push('FLOW_SEQUENCE_ENTRY_MAPPING_END');
            return this.node(false, false);
          }
        }
        this.state = 'FLOW_SEQUENCE_ENTRY_MAPPING_END';
        return this.emptyScalar(t.start);
      }
      case 'FLOW_SEQUENCE_ENTRY_MAPPING_END': {
        const t = this.peek();
        this.state = 'FLOW_SEQUENCE_ENTRY';
        return { type: 'MAPPING-END', start: t.start, end: t.start };
      }
      case 'FLOW_MAPPING_FIRST_KEY':
        return this.flowMappingKey(true);
      case 'FLOW_MAPPING_KEY':
        return this.flowMappingKey(false);
      case 'FLOW_MAPPING_VALUE':
        return this.flowMappingValue(false);
      case 'FLOW_MAPPING_EMPTY_VALUE':
        return this.flowMappingValue(true);
      case 'END':
        throw new YamlSyntaxError('parser', 'attempted to go past the end of stream; corrupted value?', undefined, undefined);
    }
  }

  private emptyScalar(mark: Mark): YamlEvent {
    return { type: 'SCALAR', start: mark, end: mark, value: '', implicit: true, style: 'plain' };
  }

  private documentStart(implicit: boolean): YamlEvent {
    let t = this.peek();
    if (!implicit) {
      while (t.type === 'DOCUMENT-END') {
        this.skip();
        t = this.peek();
      }
    }
    if (
      implicit &&
      t.type !== 'VERSION-DIRECTIVE' &&
      t.type !== 'TAG-DIRECTIVE' &&
      t.type !== 'DOCUMENT-START' &&
      t.type !== 'STREAM-END'
    ) {
      this.states.push('DOCUMENT_END');
      this.state = 'BLOCK_NODE';
      return { type: 'DOCUMENT-START', start: t.start, end: t.start };
    }
    if (t.type !== 'STREAM-END') {
      const start = t.start;
      this.processDirectives();
      t = this.peek();
      if (t.type !== 'DOCUMENT-START') this.error('did not find expected <document start>', t.start);
      this.states.push('DOCUMENT_END');
      this.state = 'DOCUMENT_CONTENT';
      const end = t.end;
      this.skip();
      return { type: 'DOCUMENT-START', start, end };
    }
    this.state = 'END';
    this.skip();
    return { type: 'STREAM-END', start: t.start, end: t.end };
  }

  private processDirectives(): void {
    let version = false;
    let t = this.peek();
    while (t.type === 'VERSION-DIRECTIVE' || t.type === 'TAG-DIRECTIVE') {
      if (t.type === 'VERSION-DIRECTIVE') {
        if (version) this.error('found duplicate %YAML directive', t.start);
        if (t.value !== '1.1') this.error('found incompatible YAML document', t.start);
        version = true;
      } else {
        const handle = t.value!;
        if (Object.prototype.hasOwnProperty.call(this.tagDirectives, handle) && !(handle in DEFAULT_TAGS && this.tagDirectives[handle] === DEFAULT_TAGS[handle])) {
          this.error('found duplicate %TAG directive', t.start);
        }
        this.tagDirectives[handle] = t.suffix!;
      }
      this.skip();
      t = this.peek();
    }
  }

  private node(block: boolean, indentlessSequence: boolean): YamlEvent {
    let t = this.peek();
    if (t.type === 'ALIAS') {
      this.state = this.states.pop()!;
      this.skip();
      return { type: 'ALIAS', start: t.start, end: t.end, anchor: t.value };
    }
    let start = t.start;
    let end = t.start;
    let anchor: string | undefined;
    let tagHandle: string | undefined;
    let tagSuffix = '';
    let tagMark = t.start;
    if (t.type === 'ANCHOR') {
      anchor = t.value;
      start = t.start;
      end = t.end;
      this.skip();
      t = this.peek();
      if (t.type === 'TAG') {
        tagHandle = t.value!;
        tagSuffix = t.suffix!;
        tagMark = t.start;
        end = t.end;
        this.skip();
        t = this.peek();
      }
    } else if (t.type === 'TAG') {
      tagHandle = t.value!;
      tagSuffix = t.suffix!;
      start = tagMark = t.start;
      end = t.end;
      this.skip();
      t = this.peek();
      if (t.type === 'ANCHOR') {
        anchor = t.value;
        end = t.end;
        this.skip();
        t = this.peek();
      }
    }
    let tag = '';
    if (tagHandle !== undefined) {
      if (tagHandle === '') {
        tag = tagSuffix;
      } else {
        if (!Object.prototype.hasOwnProperty.call(this.tagDirectives, tagHandle)) {
          this.error('found undefined tag handle', tagMark, start);
        }
        tag = this.tagDirectives[tagHandle] + tagSuffix;
      }
    }
    if (this.states.length > MAX_DEPTH) {
      throw new YamlSyntaxError('parser', `exceeded max depth of ${MAX_DEPTH}`, t.start, undefined);
    }
    if (indentlessSequence && t.type === 'BLOCK-ENTRY') {
      this.state = 'INDENTLESS_SEQUENCE_ENTRY';
      return { type: 'SEQUENCE-START', start, end: t.end, anchor, tag, implicit: tag === '' };
    }
    if (t.type === 'SCALAR') {
      end = t.end;
      const plainImplicit = (tag === '' && t.style === 'plain') || tag === '!';
      this.state = this.states.pop()!;
      this.skip();
      return { type: 'SCALAR', start, end, anchor, tag, value: t.value, implicit: plainImplicit, style: t.style };
    }
    if (t.type === 'FLOW-SEQUENCE-START') {
      this.state = 'FLOW_SEQUENCE_FIRST_ENTRY';
      return { type: 'SEQUENCE-START', start, end: t.end, anchor, tag };
    }
    if (t.type === 'FLOW-MAPPING-START') {
      this.state = 'FLOW_MAPPING_FIRST_KEY';
      return { type: 'MAPPING-START', start, end: t.end, anchor, tag };
    }
    if (block && t.type === 'BLOCK-SEQUENCE-START') {
      this.state = 'BLOCK_SEQUENCE_FIRST_ENTRY';
      return { type: 'SEQUENCE-START', start, end: t.end, anchor, tag };
    }
    if (block && t.type === 'BLOCK-MAPPING-START') {
      this.state = 'BLOCK_MAPPING_FIRST_KEY';
      return { type: 'MAPPING-START', start, end: t.end, anchor, tag };
    }
    if (anchor !== undefined || tag !== '') {
      this.state = this.states.pop()!;
      return { type: 'SCALAR', start, end, anchor, tag, value: '', implicit: tag === '', style: 'plain' };
    }
    this.error('did not find expected node content', t.start, start);
  }

  private blockSequenceEntry(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let t = this.peek();
    if (t.type === 'BLOCK-ENTRY') {
      const mark = t.end;
      this.skip();
      t = this.peek();
      if (t.type !== 'BLOCK-ENTRY' && t.type !== 'BLOCK-END') {
        this.states.push('BLOCK_SEQUENCE_ENTRY');
        return this.node(true, false);
      }
      this.state = 'BLOCK_SEQUENCE_ENTRY';
      return this.emptyScalar(mark);
    }
    if (t.type === 'BLOCK-END') {
      this.state = this.states.pop()!;
      this.marks.pop();
      this.skip();
      return { type: 'SEQUENCE-END', start: t.start, end: t.end };
    }
    const ctx = this.marks.pop()!;
    this.error("did not find expected '-' indicator", t.start, ctx);
  }

  private blockMappingKey(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let t = this.peek();
    if (t.type === 'KEY') {
      const mark = t.end;
      this.skip();
      t = this.peek();
      if (t.type !== 'KEY' && t.type !== 'VALUE' && t.type !== 'BLOCK-END') {
        this.states.push('BLOCK_MAPPING_VALUE');
        return this.node(true, true);
      }
      this.state = 'BLOCK_MAPPING_VALUE';
      return this.emptyScalar(mark);
    }
    if (t.type === 'BLOCK-END') {
      this.state = this.states.pop()!;
      this.marks.pop();
      this.skip();
      return { type: 'MAPPING-END', start: t.start, end: t.end };
    }
    const ctx = this.marks.pop()!;
    this.error('did not find expected key', t.start, ctx);
  }

  private flowSequenceEntry(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let t = this.peek();
    if (t.type !== 'FLOW-SEQUENCE-END') {
      if (!first) {
        if (t.type === 'FLOW-ENTRY') {
          this.skip();
          t = this.peek();
        } else {
          const ctx = this.marks.pop()!;
          this.error("did not find expected ',' or ']'", t.start, ctx);
        }
      }
      if (t.type === 'KEY') {
        this.state = 'FLOW_SEQUENCE_ENTRY_MAPPING_KEY';
        this.skip();
        return { type: 'MAPPING-START', start: t.start, end: t.end, tag: '', implicit: true };
      }
      if (t.type !== 'FLOW-SEQUENCE-END') {
        this.states.push('FLOW_SEQUENCE_ENTRY');
        return this.node(false, false);
      }
    }
    this.state = this.states.pop()!;
    this.marks.pop();
    this.skip();
    return { type: 'SEQUENCE-END', start: t.start, end: t.end };
  }

  private flowMappingKey(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let t = this.peek();
    if (t.type !== 'FLOW-MAPPING-END') {
      if (!first) {
        if (t.type === 'FLOW-ENTRY') {
          this.skip();
          t = this.peek();
        } else {
          const ctx = this.marks.pop()!;
          this.error("did not find expected ',' or '}'", t.start, ctx);
        }
      }
      if (t.type === 'KEY') {
        this.skip();
        t = this.peek();
        if (t.type !== 'VALUE' && t.type !== 'FLOW-ENTRY' && t.type !== 'FLOW-MAPPING-END') {
          this.states.push('FLOW_MAPPING_VALUE');
          return this.node(false, false);
        }
        this.state = 'FLOW_MAPPING_VALUE';
        return this.emptyScalar(t.start);
      }
      if (t.type !== 'FLOW-MAPPING-END') {
        this.states.push('FLOW_MAPPING_EMPTY_VALUE');
        return this.node(false, false);
      }
    }
    this.state = this.states.pop()!;
    this.marks.pop();
    this.skip();
    return { type: 'MAPPING-END', start: t.start, end: t.end };
  }

  private flowMappingValue(empty: boolean): YamlEvent {
    let t = this.peek();
    if (empty) {
      this.state = 'FLOW_MAPPING_KEY';
      return this.emptyScalar(t.start);
    }
    if (t.type === 'VALUE') {
      this.skip();
      t = this.peek();
      if (t.type !== 'FLOW-ENTRY' && t.type !== 'FLOW-MAPPING-END') {
        this.states.push('FLOW_MAPPING_KEY');
        return this.node(false, false);
      }
    }
    this.state = 'FLOW_MAPPING_KEY';
    return this.emptyScalar(t.start);
  }
}

// ---- composer (go-yaml v2 decode.go: type parser / node) ----

export type YamlNode =
  | { kind: 'scalar'; line: number; column: number; tag: string; value: string; implicit: boolean; style: ScalarStyle }
  | { kind: 'mapping'; line: number; column: number; tag: string; children: YamlNode[] }
  | { kind: 'sequence'; line: number; column: number; tag: string; children: YamlNode[] }
  | { kind: 'alias'; line: number; column: number; name: string; target: YamlNode };

/** Raised through the decoder as go-yaml's failf: "yaml: " + message, no line. */
export class YamlFailure extends Error {}

class Composer {
  private event: YamlEvent | undefined;
  private anchors = new Map<string, YamlNode>();

  constructor(private readonly events: EventParser) {}

  private peek(): YamlEvent {
    if (!this.event) this.event = this.events.next();
    return this.event;
  }

  private expect(type: EventType): void {
    const e = this.peek();
    if (e.type === 'STREAM-END' && type !== 'STREAM-END') {
      throw new YamlFailure('attempted to go past the end of stream; corrupted value?');
    }
    if (e.type !== type) {
      throw new YamlSyntaxError('parser', `expected ${type} event but got ${e.type}`, undefined, undefined);
    }
    this.event = undefined;
  }

  /** Returns undefined for an empty stream (go-yaml leaves the output untouched: null). */
  parse(): YamlNode | undefined {
    this.expect('STREAM-START');
    const e = this.peek();
    if (e.type === 'STREAM-END') return undefined;
    this.expect('DOCUMENT-START');
    const n = this.node();
    this.expect('DOCUMENT-END');
    return n;
  }

  private node(): YamlNode {
    const e = this.peek();
    const line = e.start.line;
    const column = e.start.column;
    switch (e.type) {
      case 'SCALAR': {
        const n: YamlNode = {
          kind: 'scalar',
          line,
          column,
          tag: e.tag ?? '',
          value: e.value ?? '',
          implicit: e.implicit ?? false,
          style: e.style ?? 'plain',
        };
        if (e.anchor !== undefined) this.anchors.set(e.anchor, n);
        this.expect('SCALAR');
        return n;
      }
      case 'ALIAS': {
        const target = this.anchors.get(e.anchor!);
        if (!target) throw new YamlFailure(`unknown anchor '${e.anchor}' referenced`);
        this.expect('ALIAS');
        return { kind: 'alias', line, column, name: e.anchor!, target };
      }
      case 'MAPPING-START': {
        const n: YamlNode = { kind: 'mapping', line, column, tag: e.tag ?? '', children: [] };
        if (e.anchor !== undefined) this.anchors.set(e.anchor, n);
        this.expect('MAPPING-START');
        while (this.peek().type !== 'MAPPING-END') n.children.push(this.node(), this.node());
        this.expect('MAPPING-END');
        return n;
      }
      case 'SEQUENCE-START': {
        const n: YamlNode = { kind: 'sequence', line, column, tag: e.tag ?? '', children: [] };
        if (e.anchor !== undefined) this.anchors.set(e.anchor, n);
        this.expect('SEQUENCE-START');
        while (this.peek().type !== 'SEQUENCE-END') n.children.push(this.node());
        this.expect('SEQUENCE-END');
        return n;
      }
      default:
        throw new YamlFailure(`attempted to parse unknown event: ${e.type}`);
    }
  }
}

/** Composes the first document of `text`. Throws YamlSyntaxError or YamlFailure. */
export function composeFirstDocument(text: string): YamlNode | null {
  // go-yaml: `if len(b) == 0 { b = []byte{'\n'} }` — same result either way.
  const scanner = new Scanner(toCodePoints(text));
  const composer = new Composer(new EventParser(scanner));
  return composer.parse() ?? null;
}
