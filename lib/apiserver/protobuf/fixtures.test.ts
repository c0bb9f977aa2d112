// Each tests/fixtures/protobuf/<name>.pb is a request body the real kubectl 1.32 sent to a capture
// server; <name>.json is the same object as kubectl prints it with --dry-run=client -o json (Go
// encoding/json of the typed struct). The decoder must turn the first into the second.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeProtobufObject } from './index';

const DIR = join(__dirname, '../../../tests/fixtures/protobuf');
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.pb'))
  .map((f) => f.slice(0, -3))
  .sort();

function decodeFixture(name: string): Record<string, unknown> {
  return decodeProtobufObject(new Uint8Array(readFileSync(join(DIR, `${name}.pb`))));
}

function expected(name: string): unknown {
  return JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8'));
}

describe('protobuf bodies captured from kubectl 1.32', () => {
  it('there is a captured body for every typed create command the fixtures README lists', () => {
    expect(names.length).toBeGreaterThanOrEqual(21);
    for (const n of names) expect(() => readFileSync(join(DIR, `${n}.json`))).not.toThrow();
  });

  it.each(names)('%s.pb decodes to the JSON kubectl would have sent', (name) => {
    expect(decodeFixture(name)).toEqual(expected(name));
  });
});

describe('what the captured bodies show about Go JSON semantics', () => {
  it('keeps replicas: 0 because DeploymentSpec.replicas is a *int32', () => {
    const d = decodeFixture('deployment-zero-replicas') as { spec: { replicas: number } };
    expect(d.spec.replicas).toBe(0);
  });

  it('prints creationTimestamp null and empty structs (strategy, resources, status)', () => {
    const d = decodeFixture('deployment-basic') as {
      metadata: Record<string, unknown>;
      spec: { strategy: unknown; template: { spec: { containers: { resources: unknown }[] } } };
      status: unknown;
    };
    expect(d.metadata).toHaveProperty('creationTimestamp', null);
    expect(d.spec.strategy).toEqual({});
    expect(d.spec.template.spec.containers[0]!.resources).toEqual({});
    expect(d.status).toEqual({});
  });

  it('turns ConfigMap binaryData and Secret data bytes into base64 strings', () => {
    const cm = decodeFixture('configmap-files') as { binaryData: Record<string, string> };
    expect(cm.binaryData.logo).toBe(Buffer.from([0x00, 0x01, 0xfe, 0xff, 0x50, 0x4e, 0x47]).toString('base64'));
    const s = decodeFixture('secret-generic') as { data: Record<string, string> };
    expect(Buffer.from(s.data.password!, 'base64').toString()).toBe('p@ss w0rd');
  });

  it('keeps pointer fields that kubectl debug sets to false or zero in a full PodSpec', () => {
    const p = decodeFixture('pod-debug-copy') as {
      spec: Record<string, unknown> & { containers: { securityContext: Record<string, unknown> }[] };
    };
    expect(p.spec.shareProcessNamespace).toBe(false);
    expect(p.spec.terminationGracePeriodSeconds).toBe(0);
    expect(p.spec.priority).toBe(0);
    expect(p.spec.containers[0]!.securityContext.runAsUser).toBe(0);
    expect(p.spec).not.toHaveProperty('nodeName');
  });
});
