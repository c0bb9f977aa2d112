// Field selectors: apimachinery pkg/fields/selector.go (parsing, escaping, printing), the
// selectable fields each registry exposes (pkg/registry/*/strategy.go ToSelectableFields), and
// the field label conversion functions that decide which fields a request may name
// (pkg/apis/core/v1/conversion.go, runtime.DefaultMetaV1FieldSelectorConversion), as of 1.32.

import type { KubeObject } from './types';
import { goQuote } from './errors';

export interface FieldRequirement {
  field: string;
  /** `==` parses to `=`, as upstream's hasTerm */
  op: '=' | '!=';
  value: string;
}

export interface FieldSelector {
  /** in the order upstream keeps them: terms sorted as raw strings */
  requirements: FieldRequirement[];
  /** `get` returns a field's value; a field the object lacks counts as the empty string */
  matches(get: (field: string) => string | undefined): boolean;
  empty(): boolean;
  toString(): string;
}

export type FieldParseResult = { ok: true; selector: FieldSelector } | { ok: false; error: string };

/** fields.EscapeValue: `\` → `\\`, `,` → `\,`, `=` → `\=`. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** fields.UnescapeValue */
export function unescapeFieldValue(s: string): { ok: true; value: string } | { ok: false; error: string } {
  if (!/[\\,=]/.test(s)) return { ok: true, value: s };
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else return { ok: false, error: `invalid field selector: invalid escape sequence: \\${c}` };
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') {
      // Go prints the rune with %v, which is its code point: `=` is 61.
      return { ok: false, error: `invalid field selector: unescaped character in value: ${c.codePointAt(0)}` };
    } else out += c;
  }
  if (inSlash) return { ok: false, error: 'invalid field selector: invalid escape sequence: \\' };
  return { ok: true, value: out };
}

/** splitTerms: commas split terms unless escaped; the escapes stay in the term. */
function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

const TERM_OPERATORS = ['!=', '==', '='] as const;

/** splitTerm: the first operator occurrence splits; the field part cannot be escaped. */
function splitTerm(term: string): { lhs: string; op: (typeof TERM_OPERATORS)[number]; rhs: string } | null {
  for (let i = 0; i < term.length; i++) {
    for (const op of TERM_OPERATORS) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return null;
}

function requirementString(r: FieldRequirement): string {
  return `${r.field}${r.op}${escapeFieldValue(r.value)}`;
}

/** Builds a selector from requirements as given (fields.AndSelectors of one-term selectors). */
export function fieldSelectorFromRequirements(reqs: FieldRequirement[]): FieldSelector {
  const requirements = reqs.map((r) => ({ ...r }));
  return {
    requirements,
    matches: (get) =>
      requirements.every((r) => {
        const have = get(r.field) ?? '';
        return r.op === '=' ? have === r.value : have !== r.value;
      }),
    empty: () => requirements.length === 0,
    toString: () => requirements.map(requirementString).join(','),
  };
}

/** fields.SelectorFromSet / OneTermEqualSelector for several fields. */
export function fieldSelectorFromSet(set: Record<string, string>): FieldSelector {
  return fieldSelectorFromRequirements(Object.entries(set).map(([field, value]) => ({ field, op: '=' as const, value })));
}

/**
 * fields.ParseSelector: `status.phase=Running,spec.nodeName!=node-1`. Terms are sorted as raw
 * strings before parsing; no whitespace is trimmed (upstream does not either).
 */
export function parseFieldSelector(s: string): FieldParseResult {
  const parts = splitTerms(s).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const t = splitTerm(part);
    if (!t) return { ok: false, error: `invalid selector: '${s}'; can't understand '${part}'` };
    const v = unescapeFieldValue(t.rhs);
    if (!v.ok) return { ok: false, error: v.error };
    reqs.push({ field: t.lhs, op: t.op === '!=' ? '!=' : '=', value: v.value });
  }
  return { ok: true, selector: fieldSelectorFromRequirements(reqs) };
}

// ---------------------------------------------------------------------------------------------
// Selectable fields per resource

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function rec(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
}

const CLUSTER_SCOPED = new Set(['namespaces', 'nodes']);

/**
 * The field set the registry exposes for an object (generic.ObjectMetaFieldsSet plus the
 * resource's own fields), as strings the way Go formats them. null for an unknown resource.
 */
export function fieldsForObject(resource: string, obj: KubeObject): Record<string, string> | null {
  const meta = obj.metadata ?? {};
  const f: Record<string, string> = { 'metadata.name': meta.name ?? '' };
  if (!CLUSTER_SCOPED.has(resource)) f['metadata.namespace'] = meta.namespace ?? '';
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  switch (resource) {
    case 'pods': {
      f['spec.nodeName'] = str(spec.nodeName);
      f['spec.restartPolicy'] = str(spec.restartPolicy);
      f['spec.schedulerName'] = str(spec.schedulerName);
      f['spec.serviceAccountName'] = str(spec.serviceAccountName);
      f['spec.hostNetwork'] = spec.hostNetwork === true ? 'true' : 'false';
      f['status.phase'] = str(status.phase);
      // the internal pod keeps only podIPs; podIP is podIPs[0]
      const podIPs = Array.isArray(status.podIPs) ? status.podIPs : [];
      f['status.podIP'] = podIPs.length > 0 ? str(rec(podIPs[0]).ip) : str(status.podIP);
      f['status.nominatedNodeName'] = str(status.nominatedNodeName);
      return f;
    }
    case 'events': {
      const io = rec(obj.involvedObject);
      const source = rec(obj.source);
      f['involvedObject.kind'] = str(io.kind);
      f['involvedObject.namespace'] = str(io.namespace);
      f['involvedObject.name'] = str(io.name);
      f['involvedObject.uid'] = str(io.uid);
      f['involvedObject.apiVersion'] = str(io.apiVersion);
      f['involvedObject.resourceVersion'] = str(io.resourceVersion);
      f['involvedObject.fieldPath'] = str(io.fieldPath);
      f.reason = str(obj.reason);
      f.reportingComponent = str(obj.reportingComponent);
      // events.k8s.io events have no source.component; the registry falls back to the controller
      f.source = str(source.component) || str(obj.reportingComponent);
      f.type = str(obj.type);
      return f;
    }
    case 'secrets':
      f.type = str(obj.type);
      return f;
    case 'namespaces':
      f['status.phase'] = str(status.phase);
      return f;
    case 'nodes':
      f['spec.unschedulable'] = spec.unschedulable === true ? 'true' : 'false';
      return f;
    case 'replicasets':
      f['status.replicas'] = String(typeof status.replicas === 'number' ? status.replicas : 0);
      return f;
    case 'configmaps':
    case 'endpoints':
    case 'serviceaccounts':
    case 'services':
    case 'deployments':
    case 'endpointslices':
      return f;
    default:
      return null;
  }
}

// The labels each kind's conversion function accepts in a request. Kinds without one use
// runtime.DefaultMetaV1FieldSelectorConversion. apps/v1 registers none for ReplicaSet, so a
// real 1.32 server rejects `status.replicas` there even though the registry exposes it.
const CONVERSIONS: Record<string, readonly string[]> = {
  pods: [
    'metadata.name',
    'metadata.namespace',
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  nodes: ['metadata.name', 'spec.unschedulable'],
  events: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
    'metadata.namespace',
    'metadata.name',
  ],
  namespaces: ['status.phase', 'metadata.name'],
  secrets: ['type', 'metadata.namespace', 'metadata.name'],
};

/**
 * Scheme.ConvertFieldLabel: the field a request's label means (pods accept the legacy
 * `spec.host` for `spec.nodeName`), or the server's error for a field it does not support.
 */
export function convertFieldLabel(resource: string, label: string): { ok: true; field: string } | { ok: false; error: string } {
  const accepted = Object.prototype.hasOwnProperty.call(CONVERSIONS, resource) ? CONVERSIONS[resource] : undefined;
  if (!accepted) {
    if (label === 'metadata.name' || label === 'metadata.namespace') return { ok: true, field: label };
    return { ok: false, error: `${goQuote(label)} is not a known field selector: only "metadata.name", "metadata.namespace"` };
  }
  if (accepted.includes(label)) return { ok: true, field: label };
  if (resource === 'pods' && label === 'spec.host') return { ok: true, field: 'spec.nodeName' };
  return { ok: false, error: `field label not supported: ${label}` };
}

/**
 * The Transform the API server runs on a list/watch field selector: each requirement's field
 * converted, the first unsupported one reported (`field label not supported: spec.foo`).
 */
export function transformFieldSelector(resource: string, selector: FieldSelector): { ok: true; selector: FieldSelector } | { ok: false; error: string } {
  const reqs: FieldRequirement[] = [];
  for (const r of selector.requirements) {
    const c = convertFieldLabel(resource, r.field);
    if (!c.ok) return c;
    reqs.push({ ...r, field: c.field });
  }
  return { ok: true, selector: fieldSelectorFromRequirements(reqs) };
}

/** The server's error message for the first unsupported field in the selector, or null. */
export function checkFieldSelectorSupported(resource: string, selector: FieldSelector): string | null {
  const r = transformFieldSelector(resource, selector);
  return r.ok ? null : r.error;
}

/** Whether an object matches a (transformed) field selector. Unknown resources expose only metadata. */
export function fieldSelectorMatchesObject(resource: string, selector: FieldSelector, obj: KubeObject): boolean {
  const fields = fieldsForObject(resource, obj) ?? {
    'metadata.name': obj.metadata?.name ?? '',
    'metadata.namespace': obj.metadata?.namespace ?? '',
  };
  return selector.matches((f) => (Object.prototype.hasOwnProperty.call(fields, f) ? fields[f] : undefined));
}
