// The public entry point of lib/k8s: typed objects, API errors, resource table, label and
// field selectors, name validation, hashes, quantities, QoS and durations.

export * from './types';
export * from './errors';
export * from './resources';
export * from './labels';
export * from './fields';
export * from './names';
export * from './hash';
export * from './quantity';
export * from './qos';
export * from './duration';
