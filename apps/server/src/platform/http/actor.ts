import type { Me, Permission, Role } from '@carebridge/contracts';

/** Who is calling: a signed-in staff member (cookie session) or a service account (API token). */
export interface Actor {
  kind: 'user' | 'api_token';
  id: string;
  tenantId: string;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: Set<Permission>;
  /** Cookie sessions only: the session id and its CSRF token. */
  sessionId?: string;
  csrfToken?: string;
  /** Cookie sessions only: the user's profile as loaded with the session (saves a query on /me). */
  profile?: Me;
}

/** Where a request came from, as the audit trail records it. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}
