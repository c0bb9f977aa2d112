import { describe, expect, it } from 'vitest';
import { TimerQueue } from './timers';

function drain(q: TimerQueue, until: number): string[] {
  const out: string[] = [];
  for (let t = q.popDue(until); t; t = q.popDue(until)) out.push(`${t.at} ${t.target} ${t.key}`);
  return out;
}

describe('timer queue', () => {
  it('fires timers in time order, ties in the order they were added', () => {
    const q = new TimerQueue();
    q.add(30, 'kubelet', 'a');
    q.add(10, 'scheduler', 'b');
    q.add(30, 'kubelet', 'c');
    q.add(20, 'replicaset', 'd');
    expect(drain(q, 100)).toEqual(['10 scheduler b', '20 replicaset d', '30 kubelet a', '30 kubelet c']);
  });

  it('keeps one pending timer per target and key, the sooner one', () => {
    const q = new TimerQueue();
    q.add(50, 'replicaset', 'default/web');
    q.add(10, 'replicaset', 'default/web');
    q.add(90, 'replicaset', 'default/web');
    expect(q.size).toBe(1);
    expect(drain(q, 100)).toEqual(['10 replicaset default/web']);
  });

  it('reset moves a pending timer later, and cancel drops it', () => {
    const q = new TimerQueue();
    q.add(10, 'kubelet', 'p1');
    q.reset(40, 'kubelet', 'p1');
    q.add(20, 'kubelet', 'p2');
    q.cancel('kubelet', 'p2');
    expect(q.peekAt()).toBe(40);
    expect(drain(q, 30)).toEqual([]);
    expect(drain(q, 40)).toEqual(['40 kubelet p1']);
  });

  it('survives a JSON round trip with the same order', () => {
    const q = new TimerQueue();
    for (let i = 0; i < 50; i++) q.add((i * 37) % 11, 't', `k${i}`);
    const copy = TimerQueue.fromJSON(JSON.parse(JSON.stringify(q.toJSON())));
    expect(drain(copy, 100)).toEqual(drain(q, 100));
  });

  it('keeps `owner`, `owner:` and `owner:sub` targets apart, through a JSON round trip too', () => {
    const q = new TimerQueue();
    q.add(10, 'kubelet', 'k');
    q.addFor(20, 'kubelet', '', 'k');
    q.addFor(30, 'kubelet', 'default/web', 'k');
    q.add(5, 'kubelet:default/web', 'k'); // the same as the one before: the sooner wins
    expect(q.size).toBe(3);
    expect(q.toJSON().map((t) => `${t.at} ${t.target} ${t.key}`)).toEqual(['5 kubelet:default/web k', '10 kubelet k', '20 kubelet: k']);
    const copy = TimerQueue.fromJSON(JSON.parse(JSON.stringify(q.toJSON())));
    copy.cancelFor('kubelet', '', 'k');
    expect(drain(copy, 100)).toEqual(['5 kubelet:default/web k', '10 kubelet k']);
  });
});
