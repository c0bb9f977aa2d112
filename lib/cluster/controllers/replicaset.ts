// STUB: being written; replaced by the real controller.
import type { Controller } from '../controller';

export function createReplicaSetController(): Controller {
  return { name: 'replicaset', start() {}, fire() {} };
}
