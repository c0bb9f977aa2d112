// `/openapi/v3` for Podbook's API server: the discovery root and one document per group-version,
// as kube-apiserver serves them (k8s.io/kube-openapi handler3), built from RESOURCES and the
// component schemas in ./schemas.ts.
//
// What real kubectl 1.32 reads from them:
// * `apply -f`, `create -f`, `replace -f` (validation on, the default) look for a PATCH operation
//   whose `x-kubernetes-group-version-kind` is the manifest's GVK and which lists a `fieldValidation`
//   query parameter (cli-runtime resource/query_param_verifier_v3.go, supportsQueryParamV3). When
//   found, kubectl sends `fieldValidation=Strict` and leaves unknown-field checks to the server
//   (see ./strict.ts); without it they fail with "failed to download openapi".
// * `kubectl explain` finds the component whose `x-kubernetes-group-version-kind` lists the GVK and
//   renders it (kubectl pkg/explain/v2 plaintext.tmpl): descriptions, types, required, enums.
//
// No operation declares a `requestBody`. kubectl apply decides how to compute its strategic merge
// patch from the PATCH operation's requestBody: with `application/strategic-merge-patch+json`
// declared it builds the patch from these schemas (kubectl pkg/cmd/apply/patcher.go,
// gvkSupportsPatchOpenAPIV3), and any gap (a type stubbed as preserve-unknown-fields, a missing
// x-kubernetes-list-map-keys) prints `warning: error calculating patch from openapi v3 spec` or
// merges lists differently. Without it kubectl falls back, silently, to the SMP of its built-in Go
// types, whose struct tags are exactly what a real 1.32 server publishes. Byte-identical `apply`
// output with no warning matters more here than exercising the OpenAPI path.

import { createHash } from 'node:crypto';
import { RESOURCES } from '../../k8s/resources';
import type { ResourceInfo } from '../../k8s/resources';
import { closure, componentSchemas, definitionName, REF_PREFIX } from '../../kubectl/explain/openapi-schemas';
import type { OpenApiSchema } from '../../kubectl/explain/openapi-schemas';

export { unknownFields, strictDecodingErrors } from '../../kubectl/explain/strict';
export { componentSchemas, definitionName } from '../../kubectl/explain/openapi-schemas';
export type { OpenApiSchema } from '../../kubectl/explain/openapi-schemas';

/** `api/v1`, `apis/apps/v1`: the group-version's path under /openapi/v3 (and under /). */
export function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function groupVersions(): Map<string, ResourceInfo[]> {
  const out = new Map<string, ResourceInfo[]>();
  for (const r of RESOURCES) {
    const p = gvPath(r.group, r.version);
    out.set(p, [...(out.get(p) ?? []), r]);
  }
  return out;
}

interface Parameter {
  name: string;
  in: 'query' | 'path';
  description: string;
  required?: boolean;
  schema: OpenApiSchema;
  uniqueItems?: boolean;
}

const queryParam = (name: string, description: string): Parameter => ({ name, in: 'query', description, schema: { type: 'string' }, uniqueItems: true });

// Texts from the real 1.32 documents (k8s.io/apimachinery meta/v1 CreateOptions/PatchOptions docs).
const DRY_RUN = queryParam('dryRun', 'When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed');
const FIELD_MANAGER = queryParam('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint.');
const FIELD_VALIDATION = queryParam('fieldValidation', 'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. This is the default behavior prior to v1.23. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. The request will still succeed if there are no other errors, and will only persist the last of any duplicate fields. This is the default in v1.23+ - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered.');
const FORCE: Parameter = { name: 'force', in: 'query', description: 'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.', schema: { type: 'boolean' }, uniqueItems: true };
const PRETTY = queryParam('pretty', "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a browser or command-line tool (curl and wget).");
const pathParam = (name: string, description: string): Parameter => ({ name, in: 'path', description, required: true, schema: { type: 'string' }, uniqueItems: true });
const NAMESPACE = pathParam('namespace', 'object name and auth scope, such as for teams and projects');

function operation(r: ResourceInfo, action: string, verb: string, params: Parameter[], responds: boolean): object {
  const kindRef = { $ref: REF_PREFIX + definitionName(r.kind) };
  const groupTag = r.group ? `${r.group.split('.')[0]}_${r.version}` : `core_${r.version}`;
  const scope = r.namespaced ? 'Namespaced' : '';
  return {
    tags: [groupTag],
    description: `${action} the specified ${r.kind}`,
    operationId: `${verb}${scope}${r.kind}`,
    ...(params.length ? { parameters: params } : {}),
    ...(responds
      ? { responses: { '200': { description: 'OK', content: { 'application/json': { schema: kindRef } } } } }
      : {}),
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: r.group, version: r.version, kind: r.kind },
  };
}

function pathsFor(r: ResourceInfo): Record<string, object> {
  const base = `/${gvPath(r.group, r.version)}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.resource}`;
  const common = r.namespaced ? [NAMESPACE, PRETTY] : [PRETTY];
  const collection: Record<string, unknown> = { parameters: common };
  if (r.verbs.includes('list')) collection.get = operation(r, 'list', 'list', [], false);
  if (r.verbs.includes('create')) collection.post = operation(r, 'post', 'create', [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], true);
  const item: Record<string, unknown> = { parameters: [pathParam('name', `name of the ${r.kind}`), ...common] };
  if (r.verbs.includes('get')) item.get = operation(r, 'get', 'read', [], true);
  if (r.verbs.includes('update')) item.put = operation(r, 'put', 'replace', [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], true);
  if (r.verbs.includes('patch')) item.patch = operation(r, 'patch', 'patch', [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE], true);
  if (r.verbs.includes('delete')) item.delete = operation(r, 'delete', 'delete', [DRY_RUN], false);
  return { [base]: collection, [`${base}/{name}`]: item };
}

function buildDocument(resources: ResourceInfo[]): string {
  const all = componentSchemas();
  const schemas: Record<string, OpenApiSchema> = {};
  for (const name of closure(resources.map((r) => definitionName(r.kind)))) schemas[name] = all[name];
  for (const r of resources) {
    const name = definitionName(r.kind);
    schemas[name] = {
      ...schemas[name],
      'x-kubernetes-group-version-kind': [{ group: r.group, kind: r.kind, version: r.version }],
    };
  }
  let paths: Record<string, object> = {};
  for (const r of resources) paths = { ...paths, ...pathsFor(r) };
  const doc = {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.5' },
    paths,
    components: {
      schemas,
      securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } },
    },
  };
  return JSON.stringify(doc);
}

let documents: Map<string, { body: string; hash: string }> | undefined;

function allDocuments(): Map<string, { body: string; hash: string }> {
  if (documents) return documents;
  documents = new Map();
  for (const [gv, resources] of groupVersions()) {
    const body = buildDocument(resources);
    // kube-openapi handler3 publishes the upper-case hex SHA-512 of the document as `?hash=`;
    // clients cache GV documents under that URL, so it must change whenever the body does.
    const hash = createHash('sha512').update(body).digest('hex').toUpperCase();
    documents.set(gv, { body, hash });
  }
  return documents;
}

/** GET /openapi/v3 root: {"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=<HEX>"}, …}} */
export function openApiRoot(): object {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const [gv, { hash }] of [...allDocuments()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}?hash=${hash}` };
  }
  return { paths };
}

/** GET /openapi/v3/<gv path> ('api/v1', 'apis/apps/v1'); undefined for an unknown group-version. */
export function openApiDocument(gvPathArg: string): { body: string; hash: string } | undefined {
  return allDocuments().get(gvPathArg.replace(/^\/+|\/+$/g, ''));
}

/** The apiVersion → documents key, for callers holding a manifest's apiVersion. */
export function gvPathOfApiVersion(apiVersion: string): string {
  return apiVersion.includes('/') ? `apis/${apiVersion}` : `api/${apiVersion}`;
}
