import type { z } from 'zod';
import type {
  INBOX_STATUSES,
  inboxListResponse,
  inboxMessageSchema,
  inboxRawResponse,
  inboxReprocessResponse,
} from '@carebridge/contracts';
import { apiRequest } from '../../api/client';

export type InboxStatus = (typeof INBOX_STATUSES)[number];
export type InboxMessage = z.infer<typeof inboxMessageSchema>;
export type InboxPage = z.infer<typeof inboxListResponse>;
export type ReprocessResult = z.infer<typeof inboxReprocessResponse>;

/** Everything cached about the HL7 inbox: one invalidation refreshes every status tab. */
export const INBOX_QUERY_KEY = ['hl7-inbox'] as const;

const inboxPath = (id: string, action: string) =>
  `/api/interop/hl7/inbox/${encodeURIComponent(id)}/${action}`;

export const listInbox = (status: InboxStatus, limit: number, offset: number) =>
  apiRequest<InboxPage>('GET', '/api/interop/hl7/inbox', { query: { status, limit, offset } });

/** The message as received: patient data, so the server asks why and records the reason. */
export const readRawMessage = (id: string, reason: string) =>
  apiRequest<z.infer<typeof inboxRawResponse>>('POST', inboxPath(id, 'raw'), { body: { reason } });

export const reprocessMessage = (id: string) =>
  apiRequest<ReprocessResult>('POST', inboxPath(id, 'reprocess'));

export const dismissMessage = (id: string) => apiRequest<InboxMessage>('POST', inboxPath(id, 'dismiss'));
