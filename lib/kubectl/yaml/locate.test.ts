import { describe, expect, it } from 'vitest';
import { fieldPathSegments, locateField } from './locate';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad\nspec:\n  containers:\n  - name: x\n    imagee: y\n';

describe('locating a field path in YAML', () => {
  it('splits the apiserver’s field paths into keys and list indexes', () => {
    expect(fieldPathSegments('spec.containers[0].ports[12].containerPort')).toEqual(['spec', 'containers', 0, 'ports', 12, 'containerPort']);
  });

  it('points at the key of a nested field, 1-based, and falls back to the nearest parent that exists', () => {
    expect(locateField(POD, 'spec.containers[0].imagee')).toEqual({ line: 8, column: 5 });
    expect(locateField(POD, 'metadata.name')).toEqual({ line: 4, column: 3 });
    expect(locateField(POD, 'spec.nope')).toEqual({ line: 5, column: 1 });
    expect(locateField(POD, 'spec.containers[3].name')).toEqual({ line: 6, column: 3 });
  });

  it('shifts lines for a document that starts further down a file, and gives up on text that does not parse', () => {
    expect(locateField(POD, 'kind', 10)).toEqual({ line: 12, column: 1 });
    expect(locateField('a: [', 'a')).toBeUndefined();
  });
});
