import { describe, expect, it } from 'vitest';
import { invalid, notFound, badRequest } from '../k8s/errors';
import { resourceInfo } from '../k8s/resources';
import { KubectlError, errorText } from './invocation';

describe("kubectl's CheckErr wording", () => {
  it('prints API errors as "Error from server (<Reason>): <message>"', () => {
    expect(errorText(notFound(resourceInfo('pods')!, 'nope'))).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(errorText(notFound(resourceInfo('deployments')!, 'nope'))).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(errorText(badRequest('bad'))).toBe('Error from server (BadRequest): bad\n');
  });

  it('prints one Invalid cause on the same line as "The <Kind> <name> is invalid"', () => {
    const e = invalid(resourceInfo('pods')!, 'x', [{ type: 'FieldValueRequired', field: 'spec.containers[0].image' }]);
    expect(errorText(e)).toBe('The Pod "x" is invalid: spec.containers[0].image: Required value\n');
  });

  it('prints several Invalid causes as a bulleted list after the heading', () => {
    const e = invalid(resourceInfo('deployments')!, 'web', [
      { type: 'FieldValueRequired', field: 'spec.selector' },
      { type: 'FieldValueInvalid', field: 'spec.replicas', value: '-1', detail: 'must be greater than or equal to 0' },
    ]);
    expect(errorText(e)).toBe('The Deployment "web" is invalid: \n* spec.selector: Required value\n* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
  });

  it('prefixes client-side errors with "error: " once', () => {
    expect(errorText(new KubectlError('boom'))).toBe('error: boom\n');
    expect(errorText(new Error('error: already prefixed'))).toBe('error: already prefixed\n');
  });

  it('prints several errors one per line', () => {
    expect(errorText([notFound(resourceInfo('pods')!, 'a'), notFound(resourceInfo('pods')!, 'b')])).toBe(
      'Error from server (NotFound): pods "a" not found\nError from server (NotFound): pods "b" not found\n',
    );
  });
});
