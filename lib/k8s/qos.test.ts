import { describe, expect, it } from 'vitest';
import { getPodQOS, podQOSClass } from './qos';
import type { Container } from './types';

function c(name: string, resources?: Container['resources']): Container {
  return { name, image: 'nginx', resources };
}

describe('podQOSClass', () => {
  it('is BestEffort without cpu or memory requests or limits', () => {
    expect(podQOSClass({ containers: [c('a'), c('b', {})] })).toBe('BestEffort');
    expect(podQOSClass({ containers: [c('a', { limits: { 'ephemeral-storage': '1Gi' } })] })).toBe('BestEffort');
    expect(podQOSClass({ containers: [c('a', { requests: { cpu: '0' } })] })).toBe('BestEffort');
  });

  it('is Guaranteed when every container limits cpu and memory and requests equal limits', () => {
    const r = { requests: { cpu: '500m', memory: '128Mi' }, limits: { cpu: '0.5', memory: '128Mi' } };
    expect(podQOSClass({ containers: [c('a', r), c('b', r)] })).toBe('Guaranteed');
  });

  it('treats limits-only containers as Guaranteed because requests default to limits', () => {
    expect(podQOSClass({ containers: [c('a', { limits: { cpu: '1', memory: '1Gi' } })] })).toBe('Guaranteed');
  });

  it('is Burstable when requests are below limits', () => {
    expect(podQOSClass({ containers: [c('a', { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '64Mi' } })] })).toBe(
      'Burstable',
    );
  });

  it('is Burstable when one container lacks a memory limit', () => {
    expect(podQOSClass({ containers: [c('a', { limits: { cpu: '1', memory: '1Gi' } }), c('b', { limits: { cpu: '1' } })] })).toBe('Burstable');
  });

  it('counts init containers too', () => {
    expect(
      podQOSClass({
        containers: [c('a', { limits: { cpu: '1', memory: '1Gi' } })],
        initContainers: [c('init', { requests: { cpu: '100m' } })],
      }),
    ).toBe('Burstable');
  });

  it('prefers the recorded status.qosClass, as kubectl does', () => {
    expect(getPodQOS({ spec: { containers: [c('a')] }, status: { qosClass: 'Burstable' } })).toBe('Burstable');
    expect(getPodQOS({ spec: { containers: [c('a')] } })).toBe('BestEffort');
  });
});
