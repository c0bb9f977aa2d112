// STUB: being written; replaced by the real controller.
import type { Controller } from '../controller';

export function createEndpointsController(): Controller {
  return { name: 'endpoints', start() {}, fire() {} };
}
