// Name and label validation with the API server's exact messages
// (apimachinery pkg/util/validation/validation.go and pkg/api/validation/objectmeta.go, v0.32),
// plus the generateName rule (apiserver pkg/storage/names/generate.go).

import type { FieldError } from './errors';
import { goQuote } from './errors';

/** Go's len(): the UTF-8 byte length, which is what every length limit counts. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** validation.MaxLenError */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** validation.EmptyError */
export function emptyError(): string {
  return 'must be non-empty';
}

/**
 * validation.RegexError. Each example is followed by `', '` and joined with ` or `, which is
 * where the double space in `(e.g. 'my-name',  or '123-abc', regex used ...)` comes from.
 */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let out = `${msg} (e.g. `;
  examples.forEach((ex, i) => {
    if (i > 0) out += ' or ';
    out += `'${ex}', `;
  });
  return `${out}regex used for validation is '${fmt}')`;
}

const QNAME_CHAR_FMT = '[A-Za-z0-9]';
const QNAME_EXT_CHAR_FMT = '[-A-Za-z0-9_.]';
export const QUALIFIED_NAME_FMT = `(${QNAME_CHAR_FMT}${QNAME_EXT_CHAR_FMT}*)?${QNAME_CHAR_FMT}`;
const QUALIFIED_NAME_ERR_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
export const QUALIFIED_NAME_MAX_LENGTH = 63;
const qualifiedNameRe = new RegExp(`^${QUALIFIED_NAME_FMT}$`);

const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_ERR_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
export const LABEL_VALUE_MAX_LENGTH = 63;
const labelValueRe = new RegExp(`^${LABEL_VALUE_FMT}$`);

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_ERR_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
export const DNS1123_LABEL_MAX_LENGTH = 63;
const dns1123LabelRe = new RegExp(`^${DNS1123_LABEL_FMT}$`);

const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
const dns1123SubdomainRe = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_ERR_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
export const DNS1035_LABEL_MAX_LENGTH = 63;
const dns1035LabelRe = new RegExp(`^${DNS1035_LABEL_FMT}$`);

/** validation.IsDNS1123Subdomain: object names of most kinds. */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!dns1123SubdomainRe.test(value)) errs.push(regexError(DNS1123_SUBDOMAIN_ERR_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

/**
 * validation.IsDNS1123Label: namespace names. (The special "must not contain dots" message
 * arrived with the 1.34 move to api/validate/content; a 1.32 server prints the regex error.)
 */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!dns1123LabelRe.test(value)) errs.push(regexError(DNS1123_LABEL_ERR_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  return errs;
}

/** validation.IsDNS1035Label: service names. */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1035_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1035_LABEL_MAX_LENGTH));
  if (!dns1035LabelRe.test(value)) errs.push(regexError(DNS1035_LABEL_ERR_MSG, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

/** validation.IsQualifiedName: label keys and annotation keys (`[prefix/]name`). */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push(`prefix part ${emptyError()}`);
    else for (const msg of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${msg}`);
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_ERR_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push(`name part ${emptyError()}`);
  else if (utf8Length(name) > QUALIFIED_NAME_MAX_LENGTH) errs.push(`name part ${maxLenError(QUALIFIED_NAME_MAX_LENGTH)}`);
  if (!qualifiedNameRe.test(name)) errs.push(`name part ${regexError(QUALIFIED_NAME_ERR_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** validation.IsValidLabelValue */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > LABEL_VALUE_MAX_LENGTH) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!labelValueRe.test(value)) errs.push(regexError(LABEL_VALUE_ERR_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

/**
 * A generateName is validated as if it were a name, with a trailing dash masked, because
 * the random suffix will follow it (apimachinery validation.maskTrailingDash).
 */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -1)}a` : name;
}

export type NameValidator = (name: string, prefix: boolean) => string[];

/** apimachinery validation.NameIsDNSSubdomain */
export const nameIsDNSSubdomain: NameValidator = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
/** apimachinery validation.NameIsDNSLabel */
export const nameIsDNSLabel: NameValidator = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
/** apimachinery validation.NameIsDNS1035Label */
export const nameIsDNS1035Label: NameValidator = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/**
 * Which rule the API server applies to `metadata.name`, per resource (pkg/apis/core/validation,
 * pkg/apis/apps/validation): services are DNS-1035 labels, namespaces DNS-1123 labels, the rest
 * DNS-1123 subdomains.
 */
export function nameValidatorFor(resource: string): NameValidator {
  switch (resource) {
    case 'services':
      return nameIsDNS1035Label;
    case 'namespaces':
      return nameIsDNSLabel;
    default:
      return nameIsDNSSubdomain;
  }
}

/**
 * The name part of ValidateObjectMeta: `metadata.generateName` and `metadata.name` errors as
 * field errors, ready for errors.invalid(). `fieldPrefix` is `metadata` for top-level objects.
 */
export function validateObjectName(
  resource: string,
  meta: { name?: string; generateName?: string },
  fieldPrefix = 'metadata',
): FieldError[] {
  const fn = nameValidatorFor(resource);
  const errs: FieldError[] = [];
  if (meta.generateName) {
    for (const msg of fn(meta.generateName, true)) {
      errs.push({ type: 'FieldValueInvalid', field: `${fieldPrefix}.generateName`, value: goQuote(meta.generateName), detail: msg });
    }
  }
  if (!meta.name) {
    errs.push({ type: 'FieldValueRequired', field: `${fieldPrefix}.name`, detail: 'name or generateName is required' });
  } else {
    for (const msg of fn(meta.name, false)) {
      errs.push({ type: 'FieldValueInvalid', field: `${fieldPrefix}.name`, value: goQuote(meta.name), detail: msg });
    }
  }
  return errs;
}

/** names.MaxGeneratedNameLength: 63 minus the 5 random characters. */
export const MAX_GENERATED_NAME_LENGTH = 58;
/** util/rand alphanums: no vowels (no words), no 0/1/3 (no confusion with o/l/e). */
export const RAND_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';
export const RANDOM_NAME_LENGTH = 5;

/** The part of a generated name before the random suffix (SimpleNameGenerator truncates to 58 bytes). */
export function generateNameBase(base: string): string {
  return base.length > MAX_GENERATED_NAME_LENGTH ? base.slice(0, MAX_GENERATED_NAME_LENGTH) : base;
}

/** `randomInt(n)` returns an integer in [0, n); inject a seeded source (no Math.random in cores). */
export function randomString(length: number, randomInt: (n: number) => number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += RAND_ALPHANUMS[randomInt(RAND_ALPHANUMS.length)];
  return s;
}

/** SimpleNameGenerator.GenerateName: `web-7d4b9c8f5-` → `web-7d4b9c8f5-x2k9p`. */
export function generateName(base: string, randomInt: (n: number) => number): string {
  return generateNameBase(base) + randomString(RANDOM_NAME_LENGTH, randomInt);
}
