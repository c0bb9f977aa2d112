import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { applyPatch, GENERIC_INVALID_MESSAGE, patchFailureToApiError } from './index';
import type { PatchType } from './index';

const pod = () => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'side', image: 'busybox' }] },
});

describe('applyPatch', () => {
  it('a merge patch adds a label', () => {
    expect(applyPatch('application/merge-patch+json', 'Pod', pod(), { metadata: { labels: { tier: 'fe' } } })).toEqual({
      ok: true,
      value: { ...pod(), metadata: { name: 'web', labels: { app: 'web', tier: 'fe' } } },
    });
  });

  it('a merge patch replaces the container list whole', () => {
    const r = applyPatch('application/merge-patch+json', 'Pod', pod(), { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } });
    expect(r).toEqual({ ok: true, value: { ...pod(), spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } } });
  });

  it('a strategic merge patch merges the container list by name for a Pod', () => {
    const r = applyPatch('application/strategic-merge-patch+json', 'Pod', pod(), { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } });
    expect(r).toEqual({ ok: true, value: { ...pod(), spec: { containers: [{ name: 'web', image: 'nginx:1.28' }, { name: 'side', image: 'busybox' }] } } });
  });

  it('a strategic merge patch on a kind without a schema replaces lists', () => {
    const r = applyPatch('application/strategic-merge-patch+json', 'Widget', pod(), { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } });
    expect(r).toEqual({ ok: true, value: { ...pod(), spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } } });
  });

  it('a JSON patch replaces a container image by index', () => {
    const r = applyPatch('application/json-patch+json', 'Pod', pod(), [{ op: 'replace', path: '/spec/containers/1/image', value: 'alpine' }]);
    expect(r).toEqual({ ok: true, value: { ...pod(), spec: { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'side', image: 'alpine' }] } } });
  });

  it('a failed JSON patch test is answered with 422 and the generic message, keeping the library text as detail', () => {
    expect(applyPatch('application/json-patch+json', 'Pod', pod(), [{ op: 'test', path: '/metadata/name', value: 'db' }])).toEqual({
      ok: false,
      code: 422,
      reason: 'Invalid',
      error: 'the server rejected our request due to an error in our request',
      detail: 'testing value /metadata/name failed: test failed',
    });
  });

  it('a JSON patch on a missing path is answered with 422 too', () => {
    expect(applyPatch('application/json-patch+json', 'Pod', pod(), [{ op: 'add', path: '/spec/foo/bar', value: 1 }])).toEqual({
      ok: false,
      code: 422,
      reason: 'Invalid',
      error: GENERIC_INVALID_MESSAGE,
      detail: 'add operation does not apply: doc is missing path: "/spec/foo/bar": missing value',
    });
  });

  it('a JSON patch body that is an object is a bad request', () => {
    expect(applyPatch('application/json-patch+json', 'Pod', pod(), { op: 'add' })).toEqual({
      ok: false,
      code: 400,
      reason: 'BadRequest',
      error: 'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp',
    });
  });

  it('too many JSON patch operations are too large a request', () => {
    const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/kind', value: 'Pod' }));
    expect(applyPatch('application/json-patch+json', 'Pod', pod(), ops)).toMatchObject({ ok: false, code: 413, reason: 'RequestEntityTooLarge' });
  });

  it('a null merge patch is an invalid JSON patch', () => {
    expect(applyPatch('application/merge-patch+json', 'Pod', pod(), null)).toEqual({ ok: false, code: 400, reason: 'BadRequest', error: 'Invalid JSON Patch' });
  });

  it('a merge patch that is an array fails to decode', () => {
    expect(applyPatch('application/merge-patch+json', 'Pod', pod(), [1])).toEqual({
      ok: false,
      code: 400,
      reason: 'BadRequest',
      error: 'error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}',
    });
  });

  it('a strategic patch error keeps the upstream message and code', () => {
    expect(applyPatch('application/strategic-merge-patch+json', 'Pod', pod(), { spec: { containers: [{ image: 'x' }] } })).toEqual({
      ok: false,
      code: 500,
      reason: '',
      error: 'map: map[image:x] does not contain declared merge key: name',
    });
  });

  it('an unknown content type is an unsupported media type', () => {
    expect(applyPatch('application/apply-patch+yaml' as PatchType, 'Pod', pod(), {})).toEqual({
      ok: false,
      code: 415,
      reason: 'UnsupportedMediaType',
      error:
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
    });
  });

  it('the original object is never modified', () => {
    const original = pod();
    applyPatch('application/json-patch+json', 'Pod', original, [{ op: 'remove', path: '/metadata/labels' }]);
    applyPatch('application/merge-patch+json', 'Pod', original, { metadata: { labels: null } });
    applyPatch('application/strategic-merge-patch+json', 'Pod', original, { spec: { containers: [{ name: 'side', $patch: 'delete' }] } });
    expect(original).toEqual(pod());
  });
});

describe('patchFailureToApiError', () => {
  it('a JSON patch failure becomes the 422 Status the apiserver sends, with empty details', () => {
    const r = applyPatch('application/json-patch+json', 'Pod', pod(), [{ op: 'test', path: '/kind', value: 'Node' }]);
    if (r.ok) throw new Error('expected a failure');
    const e = patchFailureToApiError(r);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server rejected our request due to an error in our request',
      reason: 'Invalid',
      details: {},
      code: 422,
    });
  });

  it('a plain strategic patch error becomes a 500 Status without a reason', () => {
    const r = applyPatch('application/strategic-merge-patch+json', 'Pod', pod(), { spec: { containers: [{ $patch: 'merge' }] } });
    if (r.ok) throw new Error('expected a failure');
    expect(patchFailureToApiError(r).status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'merging lists cannot yet be specified in the patch',
      code: 500,
    });
  });

  it('a bad request keeps its message and reason', () => {
    const r = applyPatch('application/merge-patch+json', 'Pod', pod(), null);
    if (r.ok) throw new Error('expected a failure');
    expect(patchFailureToApiError(r).status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'Invalid JSON Patch' });
  });
});
