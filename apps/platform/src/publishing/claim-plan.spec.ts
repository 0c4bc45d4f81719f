import { describe, expect, it } from '@jest/globals';
import type { SafetyLimitsView } from '@app/contracts';
import { type CandidateConnection, type CandidateTarget, planClaims } from './claim-plan.js';

const NO_LIMITS: SafetyLimitsView = {
  dailyCap: null,
  minGapSec: 0,
  jitterSec: 0,
  quietStart: null,
  quietEnd: null,
};
const now = new Date('2026-03-02T12:00:00Z');

function connection(id: string, limits: Partial<SafetyLimitsView>, history = {}): CandidateConnection {
  return {
    id,
    timezone: 'UTC',
    limits: { ...NO_LIMITS, ...limits },
    history: { lastDispatchedAt: null, countLast24h: 0, oldestLast24h: null, ...history },
  };
}

function target(id: string, connectionId: string, secondsAgo = 0): CandidateTarget {
  return { id, connectionId, dueAt: new Date(now.getTime() - secondsAgo * 1000) };
}

describe('planClaims', () => {
  it('publishes the earliest target of a connection and holds the next one for the minimum gap', () => {
    const connections = new Map([['a', connection('a', { minGapSec: 60 })]]);
    const plan = planClaims([target('later', 'a', 1), target('earlier', 'a', 5)], connections, now);
    expect(plan.publish.map((t) => t.id)).toEqual(['earlier']);
    expect(plan.hold).toEqual([
      {
        target: expect.objectContaining({ id: 'later' }),
        dueAt: new Date(now.getTime() + 60_000),
        reason: expect.stringMatching(
          /^Keeping at least 60 s between posts of this account; rescheduled to /,
        ),
      },
    ]);
    expect(plan.dispatchedConnections).toEqual(['a']);
  });

  it('honours a gap left by an earlier batch, and adds the jitter to the new due time', () => {
    const lastDispatchedAt = new Date(now.getTime() - 20_000);
    const connections = new Map([
      ['a', connection('a', { minGapSec: 60, jitterSec: 10 }, { lastDispatchedAt })],
    ]);
    const plan = planClaims([target('t1', 'a')], connections, now, () => 0.5);
    expect(plan.publish).toEqual([]);
    expect(plan.hold[0].dueAt).toEqual(new Date(lastDispatchedAt.getTime() + 60_000 + 5_000));
    expect(plan.dispatchedConnections).toEqual([]);
  });

  it('counts targets allowed in the same batch against the daily cap', () => {
    const oldest = new Date(now.getTime() - 3_600_000);
    const connections = new Map([
      ['a', connection('a', { dailyCap: 2 }, { countLast24h: 1, oldestLast24h: oldest })],
    ]);
    const plan = planClaims(
      [target('t1', 'a', 3), target('t2', 'a', 2), target('t3', 'a', 1)],
      connections,
      now,
    );
    expect(plan.publish.map((t) => t.id)).toEqual(['t1']);
    expect(plan.hold.map((h) => [h.target.id, h.dueAt])).toEqual([
      ['t2', new Date(oldest.getTime() + 86_400_000)],
      ['t3', new Date(oldest.getTime() + 86_400_000)],
    ]);
  });

  it('publishes every target at once when the connections have no limits', () => {
    const connections = new Map([
      ['a', connection('a', {})],
      ['b', connection('b', {})],
    ]);
    const targets = [target('a1', 'a'), target('a2', 'a'), target('b1', 'b'), target('a3', 'a')];
    const plan = planClaims(targets, connections, now);
    expect(plan.publish).toHaveLength(4);
    expect(plan.hold).toEqual([]);
    expect(plan.dispatchedConnections.sort()).toEqual(['a', 'b']);
  });

  it('holds targets of a connection in quiet hours and sets apart targets whose connection is gone', () => {
    const connections = new Map([['a', connection('a', { quietStart: '11:00', quietEnd: '13:30' })]]);
    const plan = planClaims([target('quiet', 'a'), target('orphan', 'gone')], connections, now);
    expect(plan.publish).toEqual([]);
    expect(plan.hold.map((h) => [h.target.id, h.dueAt])).toEqual([
      ['quiet', new Date('2026-03-02T13:30:00Z')],
    ]);
    expect(plan.orphaned.map((t) => t.id)).toEqual(['orphan']);
  });
});
