// TEMPORARY scratch: emulate the namespaces/finalize subresource to exercise the controller.
import { Store } from '../store';
const orig = Store.prototype.update;
(Store.prototype as any).update = function (resource: string, ns: any, input: any, opts: any = {}) {
  if (resource === 'namespaces' && opts.subresource === 'finalize') {
    const old = this.get('namespaces', undefined, input.metadata.name);
    if (old.metadata.deletionTimestamp && !input.spec?.finalizers?.length && !old.metadata.finalizers?.length) {
      return (this as any).remove((this as any).info('namespaces'), undefined, old);
    }
    throw new Error('scratch: unsupported finalize');
  }
  return orig.call(this, resource, ns, input, opts);
};
import './namespace.test';
