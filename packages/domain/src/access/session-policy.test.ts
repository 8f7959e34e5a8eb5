import { describe, expect, it } from 'vitest';
import { sessionState, shouldRecordActivity } from './session-policy';

const MIN = 60_000;
const policy = { idleMs: 30 * MIN, absoluteMs: 12 * 60 * MIN };
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 2, 1, 0) + minutes * MIN);

describe('staff session policy', () => {
  it('keeps a session alive while it is used within the idle window', () => {
    expect(sessionState({ createdAt: at(0), lastSeenAt: at(0), revokedAt: null }, policy, at(30))).toBe(
      'active',
    );
    expect(sessionState({ createdAt: at(0), lastSeenAt: at(0), revokedAt: null }, policy, at(31))).toBe(
      'idle_expired',
    );
  });

  it('ends any session 12 hours after sign-in, however active', () => {
    expect(sessionState({ createdAt: at(0), lastSeenAt: at(719), revokedAt: null }, policy, at(720))).toBe(
      'active',
    );
    expect(sessionState({ createdAt: at(0), lastSeenAt: at(720), revokedAt: null }, policy, at(721))).toBe(
      'absolute_expired',
    );
  });

  it('treats a revoked session as over at once', () => {
    expect(sessionState({ createdAt: at(0), lastSeenAt: at(0), revokedAt: at(1) }, policy, at(2))).toBe(
      'revoked',
    );
  });

  it('records activity at most once a minute', () => {
    expect(shouldRecordActivity(at(0), new Date(at(0).getTime() + 59_000))).toBe(false);
    expect(shouldRecordActivity(at(0), new Date(at(0).getTime() + 61_000))).toBe(true);
  });
});
