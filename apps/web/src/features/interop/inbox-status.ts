import type { InboxStatus } from './inbox-api';

/** Tabs in the order staff work them: what needs a decision first. */
export const INBOX_TABS: InboxStatus[] = ['rejected', 'reprocessed', 'dismissed', 'accepted'];

export const STATUS_COLOURS: Record<InboxStatus, string> = {
  rejected: 'red',
  reprocessed: 'green',
  dismissed: 'default',
  accepted: 'blue',
};
