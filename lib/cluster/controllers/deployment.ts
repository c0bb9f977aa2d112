// STUB: being written; replaced by the real controller.
import type { Controller } from '../controller';

export function createDeploymentController(): Controller {
  return { name: 'deployment', start() {}, fire() {} };
}
