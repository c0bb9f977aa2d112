// The verbs Podbook runs, keyed by command path (`get`, `create deployment`, `rollout status`).
// A resolved command whose path is not here prints notSupportedMessage and exits 1.

import type { Verb } from '../invocation';
import { apiResources } from './api-resources';
import { get } from './get';
import { version } from './version';

export const VERBS: Record<string, Verb> = {
  get,
  version,
  'api-resources': apiResources,
};
