// The verbs Podbook runs, keyed by command path (`get`, `create deployment`, `rollout status`).
// A resolved command whose path is not here prints notSupportedMessage and exits 1.

import type { Verb } from '../invocation';
import { apiResources, apiVersions } from './api-resources';
import { events, top } from './events';
import { describe } from './describe';
import { get } from './get';
import { apply } from './apply';
import { create, createConfigMap, createDeployment, createNamespace, createSecretGeneric, createServiceAccount, createServiceClusterIP, createServiceNodePort } from './create';
import { deleteVerb } from './delete';
import { expose } from './expose';
import { annotate, label } from './label';
import { rolloutHistory, rolloutRestart, rolloutStatus, rolloutUndo } from './rollout';
import { run } from './run';
import { scale } from './scale';
import { setImage } from './set-image';
import { portForward } from './port-forward';
import { version } from './version';
import { exec } from './exec';
import { logs } from './logs';
import { cp } from './cp';
import { wait } from './wait';
import { explain } from './explain';
import { configCurrentContext, configGetContexts, configSetContext, configUseContext, configView } from './config';
import { clusterInfo } from './cluster-info';

export const VERBS: Record<string, Verb> = {
  get,
  describe,
  run,
  create,
  'create deployment': createDeployment,
  'create namespace': createNamespace,
  'create configmap': createConfigMap,
  'create serviceaccount': createServiceAccount,
  'create secret generic': createSecretGeneric,
  'create service clusterip': createServiceClusterIP,
  'create service nodeport': createServiceNodePort,
  apply,
  delete: deleteVerb,
  label,
  annotate,
  scale,
  expose,
  'set image': setImage,
  'rollout status': rolloutStatus,
  'rollout history': rolloutHistory,
  'rollout undo': rolloutUndo,
  'rollout restart': rolloutRestart,
  exec,
  logs,
  cp,
  wait,
  version,
  'api-resources': apiResources,
  'api-versions': apiVersions,
  events,
  'top pod': top,
  'top node': top,
  'port-forward': portForward,
  explain,
  'config view': configView,
  'config current-context': configCurrentContext,
  'config get-contexts': configGetContexts,
  'config use-context': configUseContext,
  'config set-context': configSetContext,
  'cluster-info': clusterInfo,
};
