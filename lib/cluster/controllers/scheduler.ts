// STUB: being written; replaced by the real controller.
import type { Controller } from '../controller';

export function createScheduler(): Controller {
  return { name: 'scheduler', start() {}, fire() {} };
}
