import { describe, expect, it } from 'vitest';
import { relaxedJSONPathExpression } from './relaxed';

const REJECTED =
  "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'";

describe('relaxedJSONPathExpression', () => {
  it('accepts the four spellings kubectl documents and returns {.name1.name2}', () => {
    for (const s of ['metadata.name', '.metadata.name', '{metadata.name}', '{.metadata.name}']) {
      expect(relaxedJSONPathExpression(s)).toEqual({ ok: true, expression: '{.metadata.name}' });
    }
  });

  it('keeps array and filter syntax inside the expression', () => {
    expect(relaxedJSONPathExpression('status.containerStatuses[0].ready')).toEqual({
      ok: true,
      expression: '{.status.containerStatuses[0].ready}',
    });
    expect(relaxedJSONPathExpression('.items[?(@.x=="y")].name')).toEqual({
      ok: true,
      expression: '{.items[?(@.x=="y")].name}',
    });
  });

  it('leaves an empty expression empty', () => {
    expect(relaxedJSONPathExpression('')).toEqual({ ok: true, expression: '' });
  });

  it('adds a dot even where the path starts with a bracket, as kubectl does', () => {
    expect(relaxedJSONPathExpression("['a']")).toEqual({ ok: true, expression: "{.['a']}" });
  });

  it('rejects templates with more than one action or stray braces with kubectl\'s message', () => {
    expect(relaxedJSONPathExpression('{range .items[*]}{.name}{end}')).toEqual({ ok: false, error: REJECTED });
    expect(relaxedJSONPathExpression('{.a')).toEqual({ ok: false, error: REJECTED });
    expect(relaxedJSONPathExpression('{}')).toEqual({ ok: false, error: REJECTED });
  });
});
