import { describe, expect, it } from 'vitest';
import { tableFor } from './index';
import { limitRangeCells, resourceQuotaCells } from './policy';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('ResourceQuota and LimitRange tables', () => {
  it('a quota row lists status.hard sorted, limits.* in the Limit column and the rest in Request', () => {
    const cells = resourceQuotaCells(
      {
        metadata: { name: 'podbook-quota', creationTimestamp: '2026-03-01T11:58:00Z' },
        status: {
          hard: { pods: '10', 'limits.memory': '4Gi', 'requests.cpu': '2', 'limits.cpu': '4', 'requests.memory': '2048Mi' },
          used: { pods: '3', 'requests.cpu': '300m', 'limits.cpu': '1500m' },
        },
      },
      NOW,
    );
    expect(cells).toEqual(['podbook-quota', '2m', 'pods: 3/10, requests.cpu: 300m/2, requests.memory: 0/2Gi', 'limits.cpu: 1500m/4, limits.memory: 0/4Gi']);
  });

  it('a quota the controller has not seen yet has empty Request and Limit cells', () => {
    expect(resourceQuotaCells({ metadata: { name: 'q', creationTimestamp: '2026-03-01T11:59:59Z' }, spec: { hard: { pods: '1' } } }, NOW)).toEqual(['q', '1s', '', '']);
  });

  it('the quota table has the Name, Age, Request and Limit columns and the LimitRange table Name and Created At', () => {
    expect(tableFor('resourcequotas', [], NOW).columnDefinitions!.map((c) => `${c.name}:${c.type}:${c.priority}`)).toEqual(['Name:string:0', 'Age:string:0', 'Request:string:0', 'Limit:string:0']);
    const t = tableFor('limitranges', [{ metadata: { name: 'podbook-limits', creationTimestamp: '2026-03-01T11:00:00Z' } }], NOW);
    expect(t.columnDefinitions!.map((c) => `${c.name}:${c.type}`)).toEqual(['Name:string', 'Created At:date']);
    expect(t.rows[0].cells).toEqual(['podbook-limits', '2026-03-01T11:00:00Z']);
    expect(limitRangeCells({ metadata: { name: 'x' } }, NOW)).toEqual(['x', '0001-01-01T00:00:00Z']);
  });
});
