import { describe, expect, it } from 'vitest';
import {
  normalizeAges,
  normalizeColumns,
  normalizeGeneratedNames,
  normalizePredictOutput,
  normalizeShortAnswer,
  normalizeTrailing,
} from './normalize';

describe('short answers', () => {
  it('are compared trimmed, lower-cased and with inner whitespace collapsed', () => {
    expect(normalizeShortAnswer('  Pod   Template\tHash \n')).toBe('pod template hash');
  });

  it('treat full-width letters and the ideographic space as their ASCII forms', () => {
    expect(normalizeShortAnswer('ｋｕｂｅｃｔｌ\u3000ｇｅｔ　ＰＯＤＳ')).toBe('kubectl get pods');
  });

  it('keep Korean text as typed', () => {
    expect(normalizeShortAnswer(' 레이블  셀렉터 ')).toBe('레이블 셀렉터');
  });
});

describe('trailing whitespace', () => {
  it('drops spaces at line ends, CRs and blank lines around the output, but not inside it', () => {
    expect(normalizeTrailing('\r\n\na  \r\n\t\nb\t \n\n\n')).toBe('a\n\nb');
  });
});

describe('column spacing', () => {
  it('collapses runs of spaces and tabs inside a line to one space', () => {
    expect(normalizeColumns('NAME     READY   STATUS\n  x   1/1  Running  ')).toBe('NAME READY STATUS\nx 1/1 Running');
  });
});

describe('ages', () => {
  it('replace every HumanDuration form in the AGE column with <age>', () => {
    const table = ['NAME    READY   AGE', 'a       1/1     5s', 'b       1/1     3m2s', 'c       1/1     2y30d', 'd       1/1     <unknown>'].join('\n');
    expect(normalizeAges(table).split('\n').map((l) => l.split(/\s+/).pop())).toEqual(['AGE', '<age>', '<age>', '<age>', '<age>']);
  });

  it('replace the ages inside RESTARTS and inside describe\'s repeated-event note, keeping the count', () => {
    expect(normalizeAges('web   1/1   Running   1 (5s ago)   2m')).toBe('web   1/1   Running   1 (<age> ago)   <age>');
    expect(normalizeAges('  Normal  Pulled  10s (x2 over 3m)  kubelet  ok')).toBe('  Normal  Pulled  <age> (x2 over <age>)  kubelet  ok');
  });

  it('leave numbers without a unit, ratios, ports and names that merely end in a unit letter alone', () => {
    const line = 'whoami-1d   1/1   80/TCP   10.1.0.6   3   5ms';
    expect(normalizeAges(line)).toBe(line);
  });
});

describe('generated names', () => {
  it('replace the pod-template-hash and the 5-character suffix of a Deployment pod', () => {
    expect(normalizeGeneratedNames('pod/whoami-fb6b989b5-58qq7 condition met')).toBe('pod/whoami-<hash>-<suffix> condition met');
  });

  it('replace the hash of a ReplicaSet name and of the pod-template-hash label', () => {
    expect(normalizeGeneratedNames('replicaset.apps/whoami-fb6b989b5   app=whoami,pod-template-hash=fb6b989b5')).toBe(
      'replicaset.apps/whoami-<hash>   app=whoami,pod-template-hash=<hash>',
    );
  });

  it('replace a lone generateName suffix such as kube-api-access-x7k2p', () => {
    expect(normalizeGeneratedNames('kube-api-access-x7k2p:')).toBe('kube-api-access-<suffix>:');
  });

  it('accept a learner writing x for every generated character', () => {
    expect(normalizeGeneratedNames('whoami-xxxxxxxxx-xxxxx')).toBe('whoami-<hash>-<suffix>');
  });

  it('leave names made of ordinary words alone, since generated parts have no vowels', () => {
    const text = 'hello-kiamol my-nginx-pod ubuntu-sidecar-container whoami-1 nginx-deployment';
    expect(normalizeGeneratedNames(text)).toBe(text);
  });
});

describe('predicted outputs', () => {
  it('compare equal when only ages, generated names, column spacing and trailing newlines differ', () => {
    const real = 'NAME                     READY   STATUS    RESTARTS   AGE\nwhoami-fb6b989b5-58qq7   1/1     Running   0          13s\n';
    const typed = 'NAME READY STATUS RESTARTS AGE\nwhoami-xxxxxxxxx-xxxxx 1/1 Running 0 1m\n\n';
    expect(normalizePredictOutput(typed)).toBe(normalizePredictOutput(real));
  });

  it('still differ when a cell that can be predicted is wrong', () => {
    const real = 'NAME READY STATUS\nhello-kiamol 1/1 Running';
    const typed = 'NAME READY STATUS\nhello-kiamol 0/1 Running';
    expect(normalizePredictOutput(typed)).not.toBe(normalizePredictOutput(real));
  });
});
