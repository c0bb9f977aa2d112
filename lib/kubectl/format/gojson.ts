// Go encoding/json as kubectl uses it for unstructured objects (map[string]interface{}):
//
// * `-o json` is json.MarshalIndent(obj, "", "    ") plus "\n" (cli-runtime printers/json.go);
// * jsonpath prints maps and slices with json.Marshal (client-go util/jsonpath PrintResults).
//
// Map keys are sorted bytewise (UTF-8 byte order = code point order, not UTF-16 order); strings are
// escaped with HTML escaping on (`<`, `>`, `&` → \u003c, \u003e, \u0026), U+2028/U+2029 escaped,
// control characters as \b \f \n \r \t or \u00XX (Go 1.22+), everything else raw UTF-8.

import { compareGoStrings } from '../../jsonpath/gofmt';

import { GoNumber } from '../../k8s/patch/gonumber';
import { formatGoJsonGoNumber, formatGoJsonNumber } from './gonum';

const HEX = '0123456789abcdef';

/** Go's encodeState.string with escapeHTML = true. */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x3c && c !== 0x3e && c !== 0x26) {
        out += s[i];
        continue;
      }
      switch (c) {
        case 0x22:
          out += '\\"';
          break;
        case 0x5c:
          out += '\\\\';
          break;
        case 0x08:
          out += '\\b';
          break;
        case 0x0c:
          out += '\\f';
          break;
        case 0x0a:
          out += '\\n';
          break;
        case 0x0d:
          out += '\\r';
          break;
        case 0x09:
          out += '\\t';
          break;
        default:
          // Control characters and the HTML-sensitive <, >, &.
          out += `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`;
      }
      continue;
    }
    if (c === 0x2028 || c === 0x2029) {
      out += `\\u${c.toString(16)}`;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
        continue;
      }
      out += '\ufffd'; // Go decodes a lone surrogate escape as U+FFFD and writes it raw
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      out += '\ufffd';
      continue;
    }
    out += s[i];
  }
  return out + '"';
}

/** Code point order, which is the byte order of the UTF-8 encodings Go's sort compares (shared with lib/jsonpath). */
export { compareGoStrings };

function toJsonValue(v: unknown): unknown {
  if (typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    return (v as { toJSON: () => unknown }).toJSON();
  }
  return v;
}

function isOmitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function encode(raw: unknown, indent: string, prefix: string): string {
  if (raw instanceof GoNumber) return formatGoJsonGoNumber(raw);
  const v = toJsonValue(raw);
  if (v === null || isOmitted(v)) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? formatGoJsonNumber(v) : 'null';
  if (typeof v === 'bigint') return v.toString();
  const inner = prefix + indent;
  const nl = indent === '' ? '' : '\n';
  const colon = indent === '' ? ':' : ': ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const items = v.map((item) => (nl ? inner : '') + encode(item, indent, inner));
    return `[${nl}${items.join(`,${nl}`)}${nl}${nl ? prefix : ''}]`;
  }
  if (typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => !isOmitted(obj[k]))
      .sort(compareGoStrings);
    if (keys.length === 0) return '{}';
    const items = keys.map((k) => `${nl ? inner : ''}${goJsonString(k)}${colon}${encode(obj[k], indent, inner)}`);
    return `{${nl}${items.join(`,${nl}`)}${nl}${nl ? prefix : ''}}`;
  }
  return goJsonString(String(v));
}

/**
 * json.MarshalIndent(value, "", indent) + "\n": the bytes of `kubectl get -o json` for one
 * unstructured object. Numbers follow Go's int64/float64 rules (see gonum.ts).
 */
export function toGoJson(value: unknown, indent = '    '): string {
  return encode(value, indent, '') + '\n';
}

/**
 * json.Marshal(value): compact, no trailing newline (jsonpath's map/slice printing). Note that
 * `kubectl apply` stores last-applied-configuration via a json.Encoder, which appends "\n": add it
 * at the call site.
 */
export function toGoJsonCompact(value: unknown): string {
  return encode(value, '', '');
}
