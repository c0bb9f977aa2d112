// API errors as the API server words them (apimachinery pkg/api/errors and
// pkg/util/validation/field). Every failure leaves the store as a meta/v1 Status.

import type { ResourceInfo } from './resources';
import { qualifiedKind, qualifiedResource } from './resources';
import type { Status, StatusCause } from './types';

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueNotFound';

/** One field.Error: `spec.containers[0].image: Required value`. */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** the offending value, already rendered as Go prints it (`"Foo"`, `3`, `map[string]string{...}`) */
  value?: string;
  detail?: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueNotFound: 'Not found',
};

/** Go's %q for a string value. */
export function goQuote(s: string): string {
  return JSON.stringify(s)
    .replace(/\\u([0-9a-f]{4})/g, (_m, h: string) => `\\x${h.slice(2)}`)
    .replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** The body of a field error without its field path (field.Error.ErrorBody). */
export function fieldErrorBody(e: FieldError): string {
  let s = TYPE_TEXT[e.type];
  const showsValue = e.type === 'FieldValueInvalid' || e.type === 'FieldValueNotSupported' || e.type === 'FieldValueDuplicate' || e.type === 'FieldValueNotFound';
  if (showsValue && e.value !== undefined) s += `: ${e.value}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

export function fieldErrorString(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

export class ApiError extends Error {
  readonly status: Status;
  constructor(status: Status) {
    super(status.message ?? status.reason ?? 'error');
    this.name = 'ApiError';
    this.status = status;
  }
  get code(): number {
    return this.status.code;
  }
  get reason(): string | undefined {
    return this.status.reason;
  }
}

export function isApiError(e: unknown, reason?: string): e is ApiError {
  return e instanceof ApiError && (reason === undefined || e.status.reason === reason);
}

function failure(code: number, reason: string, message: string, details?: Status['details']): ApiError {
  const st: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) st.details = details;
  return new ApiError(st);
}

function detailsFor(r: ResourceInfo, name: string): NonNullable<Status['details']> {
  return r.group ? { name, group: r.group, kind: r.resource } : { name, kind: r.resource };
}

export function notFound(r: ResourceInfo, name: string): ApiError {
  return failure(404, 'NotFound', `${qualifiedResource(r)} ${goQuote(name)} not found`, detailsFor(r, name));
}

export function alreadyExists(r: ResourceInfo, name: string): ApiError {
  return failure(409, 'AlreadyExists', `${qualifiedResource(r)} ${goQuote(name)} already exists`, detailsFor(r, name));
}

export function conflict(r: ResourceInfo, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): ApiError {
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(r)} ${goQuote(name)}: ${why}`, detailsFor(r, name));
}

/** utilerrors.NewAggregate(errs).Error() over their texts: one as it is, several as `[a, b]`. */
export function aggregateMessage(messages: readonly string[]): string {
  return messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
}

/** What Go's `err.Error()` reads for `e`: an API error's Status message, else the message. */
export function errorString(e: unknown): string {
  if (e instanceof ApiError) return e.status.message ?? '';
  return e instanceof Error ? e.message : String(e);
}

export function invalid(r: ResourceInfo, name: string, errs: FieldError[]): ApiError {
  const causes: StatusCause[] = errs.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field }));
  const list = errs.map(fieldErrorString);
  const agg = aggregateMessage(list);
  const details: NonNullable<Status['details']> = r.group
    ? { name, group: r.group, kind: r.kind, causes }
    : { name, kind: r.kind, causes };
  return failure(422, 'Invalid', `${qualifiedKind(r)} ${goQuote(name)} is invalid: ${agg}`, details);
}

export function badRequest(message: string): ApiError {
  return failure(400, 'BadRequest', message);
}

export function forbidden(r: ResourceInfo, name: string, message: string): ApiError {
  return failure(403, 'Forbidden', message, detailsFor(r, name));
}

export function gone(message: string): ApiError {
  return failure(410, 'Expired', message);
}

export function methodNotAllowed(message: string): ApiError {
  return failure(405, 'MethodNotAllowed', message);
}

export function unprocessable(message: string): ApiError {
  return failure(422, 'Invalid', message);
}
