// The three PATCH bodies the API server accepts, with its answers when one fails
// (apiserver endpoints/handlers/patch.go `applyJSPatch` and `interpretStrategicMergePatchError`).

import { ApiError } from '../errors';
import type { Status } from '../types';
import { applyJsonPatch } from './jsonpatch';
import { applyMergePatch, isJsonObject } from './merge';
import { applyStrategicMergePatch, schemaFor } from './strategic';

export { applyMergePatch, createMergePatch, createThreeWayMergePatch } from './merge';
export type { JsonObject } from './merge';
export { applyJsonPatch, decodePointerToken, encodePointerToken, MAX_JSON_PATCH_OPERATIONS } from './jsonpatch';
export type { JsonPatchResult } from './jsonpatch';
export {
  applyStrategicMergePatch,
  createThreeWayStrategicPatch,
  createTwoWayStrategicPatch,
  PATCH_KINDS,
  PATCH_TYPES,
  schemaFor,
  schemaFromTypes,
} from './strategic';
export type { PatchBuildResult, PatchField, PatchMeta, PatchSchema, PatchStrategy, StrategicPatchResult } from './strategic';

export type PatchType = 'application/merge-patch+json' | 'application/json-patch+json' | 'application/strategic-merge-patch+json';

/** The content types a built-in resource's PATCH accepts, in the apiserver's order. */
export const PATCH_CONTENT_TYPES: readonly string[] = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

export type PatchFailure = {
  ok: false;
  /** the message of the Status the apiserver answers with */
  error: string;
  code: 400 | 413 | 415 | 422 | 500;
  /** the Status reason ('' is metav1.StatusReasonUnknown, which the Status leaves out) */
  reason: 'BadRequest' | 'RequestEntityTooLarge' | 'UnsupportedMediaType' | 'Invalid' | '';
  /** the underlying library message, when `error` is the server's generic text */
  detail?: string;
};

export type PatchResult = { ok: true; value: unknown } | PatchFailure;

/** What NewGenericServerResponse(422, …) says, whatever the JSON patch library reported. */
export const GENERIC_INVALID_MESSAGE = 'the server rejected our request due to an error in our request';

/**
 * Applies a PATCH body of the given content type to `original` (the stored object, as JSON)
 * for an object of `kind`. Inputs are never modified.
 */
export function applyPatch(type: PatchType, kind: string, original: unknown, patch: unknown): PatchResult {
  switch (type) {
    case 'application/merge-patch+json':
      // The body is first decoded strictly into a map (a non-object fails there); a JSON null
      // decodes fine and is then refused by evanphx/json-patch's MergePatch.
      if (patch === null || patch === undefined) return { ok: false, error: 'Invalid JSON Patch', code: 400, reason: 'BadRequest' };
      if (!isJsonObject(patch)) {
        const error = `error decoding patch: json: cannot unmarshal ${goJsonKind(patch)} into Go value of type map[string]interface {}`;
        return { ok: false, error, code: 400, reason: 'BadRequest' };
      }
      return { ok: true, value: applyMergePatch(original, patch) };
    case 'application/json-patch+json': {
      const r = applyJsonPatch(original, patch);
      if (r.ok) return r;
      if (r.phase === 'decode') return { ok: false, error: r.error, code: 400, reason: 'BadRequest' };
      if (r.phase === 'too-large') return { ok: false, error: r.error, code: 413, reason: 'RequestEntityTooLarge' };
      return { ok: false, error: GENERIC_INVALID_MESSAGE, code: 422, reason: 'Invalid', detail: r.error };
    }
    case 'application/strategic-merge-patch+json':
      return applyStrategicMergePatch(original, patch, schemaFor(kind));
    default:
      // negotiation.NewUnsupportedMediaTypeError; server-side apply is not handled here.
      return {
        ok: false,
        error: `the body of the request was in an unknown format - accepted media types include: ${PATCH_CONTENT_TYPES.join(', ')}`,
        code: 415,
        reason: 'UnsupportedMediaType',
      };
  }
}

/** The Status a failed patch is answered with, as an ApiError the store and facade can throw. */
export function patchFailureToApiError(f: PatchFailure): ApiError {
  const st: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: f.error, code: f.code };
  if (f.reason) st.reason = f.reason;
  // NewGenericServerResponse always attaches (empty) details.
  if (f.code === 422 && f.error === GENERIC_INVALID_MESSAGE) st.details = {};
  return new ApiError(st);
}

function goJsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}
