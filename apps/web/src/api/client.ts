import type { ErrorEnvelope } from '@carebridge/contracts';
import { acceptLanguage } from '../app/lang';

export type FieldError = NonNullable<ErrorEnvelope['error']['fields']>[number];

/** A failed API call, carrying the server's error envelope (message already localised). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const CSRF_STORAGE_KEY = 'carebridge.csrf';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Calls whose 401 is an answer to show, not a lost session. */
const NO_REDIRECT_ON_401 = new Set(['/api/auth/login', '/api/auth/me', '/api/auth/password']);

let csrfToken: string | null = readSessionStorage(CSRF_STORAGE_KEY);
let onUnauthorized: () => void = () => {
  if (window.location.pathname !== '/login') window.location.assign('/login');
};

function readSessionStorage(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  try {
    if (token) sessionStorage.setItem(CSRF_STORAGE_KEY, token);
    else sessionStorage.removeItem(CSRF_STORAGE_KEY);
  } catch {
    // No storage: the token lives in memory and is fetched again after a reload.
  }
}

/** The app replaces the default full-page redirect with a router navigation. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

type Query = Record<string, string | number | undefined | null>;

export interface RequestOptions {
  body?: unknown;
  query?: Query;
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const envelope = (await response.json()) as Partial<ErrorEnvelope>;
    const error = envelope.error;
    if (error && typeof error.code === 'string') {
      return new ApiError(response.status, error.code, error.message, error.fields ?? [], error.requestId);
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): fall through to a generic error.
  }
  return new ApiError(
    response.status,
    'http_' + response.status,
    response.statusText || 'HTTP ' + response.status,
  );
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': acceptLanguage() };
  // A FormData body (file upload) goes as multipart; the browser sets its Content-Type with the boundary.
  const form = options.body instanceof FormData;
  if (options.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (WRITE_METHODS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body:
        options.body === undefined
          ? undefined
          : form
            ? (options.body as FormData)
            : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network_error', '');
  }
}

/** Fetches the session's CSRF token (after a reload the in-memory copy may be gone). */
export async function refreshCsrfToken(): Promise<void> {
  const response = await send('GET', '/api/auth/csrf', {});
  if (!response.ok) throw await toApiError(response);
  const { csrfToken: token } = (await response.json()) as { csrfToken: string };
  setCsrfToken(token);
}

/**
 * One JSON call to the CareBridge API. Writes carry the CSRF token; a write refused for a stale token is
 * retried once with a fresh one. A lost session sends the user to the login page.
 */
export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const isWrite = WRITE_METHODS.has(method) && path !== '/api/auth/login';
  if (isWrite && !csrfToken) await refreshCsrfToken().catch(() => undefined);
  let response = await send(method, path, options);
  if (isWrite && response.status === 403) {
    const error = await toApiError(response.clone());
    if (error.code === 'csrf_failed') {
      await refreshCsrfToken();
      response = await send(method, path, options);
    }
  }
  if (response.status === 401 && !NO_REDIRECT_ON_401.has(path)) {
    setCsrfToken(null);
    onUnauthorized();
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
