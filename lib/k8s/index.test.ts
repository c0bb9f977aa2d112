import { describe, expect, it } from 'vitest';
import * as k8s from './index';

describe('lib/k8s entry point', () => {
  it('re-exports the public API of every lib/k8s module', () => {
    for (const name of [
      'parseSelector',
      'selectorFromLabelSelector',
      'formatLabelSelector',
      'formatLabels',
      'selectorFromSet',
      'parseFieldSelector',
      'fieldsForObject',
      'checkFieldSelectorSupported',
      'isDNS1123Subdomain',
      'validateObjectName',
      'generateNameBase',
      'fnv32a',
      'safeEncodeString',
      'computeTemplateHash',
      'parseQuantity',
      'compareQuantity',
      'podQOSClass',
      'humanDuration',
      'goDurationString',
      'rfc3339',
      'rfc3339Micro',
      'parseTime',
      'goQuote',
      'notFound',
      'resourceInfo',
      'RESOURCES',
    ]) {
      expect(k8s, name).toHaveProperty(name);
    }
  });
});
