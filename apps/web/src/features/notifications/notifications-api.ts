import type { z } from 'zod';
import type { notificationListResponse, notificationSchema } from '@carebridge/contracts';
import { apiRequest } from '../../api/client';

export type Notification = z.infer<typeof notificationSchema>;
export type NotificationList = z.infer<typeof notificationListResponse>;

export const NOTIFICATIONS_QUERY_KEY = ['notifications'] as const;

/** The newest notices (read and unread) and how many are unread in all. */
export const listNotifications = (limit = 20) =>
  apiRequest<NotificationList>('GET', '/api/notifications', { query: { limit } });

export const markNotificationRead = (id: string) =>
  apiRequest<unknown>('POST', `/api/notifications/${encodeURIComponent(id)}/read`);

export const markAllNotificationsRead = () => apiRequest<unknown>('POST', '/api/notifications/read-all');
