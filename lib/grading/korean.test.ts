import { describe, expect, it } from 'vitest';
import { koreanResourceName, withParticle } from './korean';

describe('particles', () => {
  it('agree with the final consonant of a Hangul word', () => {
    expect(withParticle('파드', '을/를')).toBe('파드를');
    expect(withParticle('디플로이먼트', '이/가')).toBe('디플로이먼트가');
    expect(withParticle('레플리카셋', '은/는')).toBe('레플리카셋은');
    expect(withParticle('서비스', '과/와')).toBe('서비스와');
  });

  it('agree with Latin names the way Korean speakers read them', () => {
    expect(withParticle('디플로이먼트 whoami', '을/를')).toBe('디플로이먼트 whoami를');
    expect(withParticle('web', '을/를')).toBe('web을');
    expect(withParticle('hello-kiamol', '이/가')).toBe('hello-kiamol이');
    expect(withParticle('nginx', '은/는')).toBe('nginx는');
  });

  it('read digits in Sino-Korean and skip closing quotes and brackets', () => {
    expect(withParticle('whoami-1', '이/가')).toBe('whoami-1이');
    expect(withParticle('web-2', '이/가')).toBe('web-2가');
    expect(withParticle('"I\'m"', '이/가')).toBe('"I\'m"이');
    expect(withParticle('{.spec.replicas}', '을/를')).toBe('{.spec.replicas}를');
  });

  it('use 로 after ㄹ and after a vowel, 으로 after other final consonants', () => {
    expect(withParticle('파일', '으로/로')).toBe('파일로');
    expect(withParticle('kiamol', '으로/로')).toBe('kiamol로');
    expect(withParticle('명령', '으로/로')).toBe('명령으로');
    expect(withParticle('파드', '으로/로')).toBe('파드로');
  });
});

describe('resource names', () => {
  it('are the Korean terms of the Kubernetes docs, and unknown plurals stay as written', () => {
    expect(koreanResourceName('deployments')).toBe('디플로이먼트');
    expect(koreanResourceName('pods')).toBe('파드');
    expect(koreanResourceName('widgets')).toBe('widgets');
  });
});
