/** How long a staff session may live: idle timeout and absolute lifetime (hospital-configurable). */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
}

export type SessionState = 'active' | 'revoked' | 'idle_expired' | 'absolute_expired';

/**
 * Whether a session may still be used at `now`. The absolute limit is counted from creation with the
 * policy in force now, so shortening the policy shortens sessions that are already open.
 */
export function sessionState(s: SessionTimes, policy: SessionPolicy, now: Date): SessionState {
  if (s.revokedAt) return 'revoked';
  const t = now.getTime();
  if (t > s.createdAt.getTime() + policy.absoluteMs) return 'absolute_expired';
  if (t > s.lastSeenAt.getTime() + policy.idleMs) return 'idle_expired';
  return 'active';
}

/** Last-seen is written at most once a minute: idle expiry needs minutes, not a write per request. */
export function shouldRecordActivity(lastSeenAt: Date, now: Date, everyMs = 60_000): boolean {
  return now.getTime() - lastSeenAt.getTime() > everyMs;
}
