// STUB: being written; replaced by the real controller.
import type { Controller } from '../controller';

export function createNamespaceController(): Controller {
  return { name: 'namespace', start() {}, fire() {} };
}
