import { describe, expect, it } from 'vitest';
import { fieldErrorString } from './errors';
import {
  generateName,
  generateNameBase,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  nameValidatorFor,
  validateObjectName,
} from './names';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

describe('DNS name validators', () => {
  it('accepts subdomains with dots and rejects uppercase with the server message', () => {
    expect(isDNS1123Subdomain('web.example-1')).toEqual([]);
    expect(isDNS1123Subdomain('Web')).toEqual([SUBDOMAIN_MSG]);
  });

  it('reports both the length and the pattern for a long bad subdomain', () => {
    expect(isDNS1123Subdomain(`${'a'.repeat(253)}-`)).toEqual(['must be no more than 253 characters', SUBDOMAIN_MSG]);
    expect(isDNS1123Subdomain('a'.repeat(253))).toEqual([]);
  });

  it('rejects dots in a DNS-1123 label with the regex message, as a 1.32 server does', () => {
    expect(isDNS1123Label('my-ns')).toEqual([]);
    expect(isDNS1123Label('123-abc')).toEqual([]);
    expect(isDNS1123Label('p.k.t')).toEqual([LABEL_MSG]);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });

  it('requires a DNS-1035 label to start with a letter', () => {
    expect(isDNS1035Label('web-svc')).toEqual([]);
    expect(isDNS1035Label('1web')).toEqual([DNS1035_MSG]);
  });

  it('validates qualified names with and without prefix', () => {
    expect(isQualifiedName('app.kubernetes.io/name')).toEqual([]);
    expect(isQualifiedName('/name')).toEqual([
      'prefix part must be non-empty',
    ]);
    expect(isQualifiedName('a/b/c')).toEqual([
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
    expect(isQualifiedName('example.com/')).toEqual([
      'name part must be non-empty',
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });

  it('accepts empty label values and rejects values ending in a dash', () => {
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('v1.2_3')).toEqual([]);
    expect(isValidLabelValue('bad-')).toEqual([
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
  });
});

describe('object name rules per resource', () => {
  it('uses DNS-1035 for services, DNS-1123 labels for namespaces and subdomains elsewhere', () => {
    expect(nameValidatorFor('services')('my.svc', false)).toEqual([DNS1035_MSG]);
    expect(nameValidatorFor('namespaces')('my.ns', false)).toEqual([LABEL_MSG]);
    expect(nameValidatorFor('pods')('my.pod', false)).toEqual([]);
    expect(nameValidatorFor('deployments')('My-Deploy', false)).toEqual([SUBDOMAIN_MSG]);
  });

  it('reports an invalid pod name as the field error the server returns', () => {
    const errs = validateObjectName('pods', { name: 'Hello_World' });
    expect(errs.map(fieldErrorString)).toEqual([`metadata.name: Invalid value: "Hello_World": ${SUBDOMAIN_MSG}`]);
  });

  it('requires a name or generateName', () => {
    expect(validateObjectName('pods', {}).map(fieldErrorString)).toEqual(['metadata.name: Required value: name or generateName is required']);
  });

  it('masks the trailing dash of a generateName before validating it', () => {
    expect(validateObjectName('pods', { generateName: 'web-7d4b9c8f5-', name: 'web-7d4b9c8f5-x2k9p' })).toEqual([]);
    expect(validateObjectName('pods', { generateName: 'Web-' }).map(fieldErrorString)).toEqual([
      `metadata.generateName: Invalid value: "Web-": ${SUBDOMAIN_MSG}`,
      'metadata.name: Required value: name or generateName is required',
    ]);
  });
});

describe('generated names', () => {
  it('truncates the base to 58 characters', () => {
    expect(generateNameBase('a'.repeat(70))).toBe('a'.repeat(58));
    expect(generateNameBase('web-')).toBe('web-');
  });

  it('appends five characters from the vowel-free alphabet using the injected source', () => {
    let i = 0;
    const seq = [0, 26, 5, 20, 13];
    expect(generateName('web-', () => seq[i++])).toBe('web-b9h2r');
  });
});
