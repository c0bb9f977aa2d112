// STUB: being written; replaced by the real kubelet.
import type { Controller } from '../controller';

export interface Kubelet extends Controller {
  readonly name: 'kubelet';
}

export function createKubelet(): Kubelet {
  return { name: 'kubelet', start() {}, fire() {} };
}
