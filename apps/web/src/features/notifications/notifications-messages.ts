/** Texts of the header's notification bell. zh-CN is the source; the English catalogue has the same keys. */
export const notificationsZh = {
  'notices.title': '通知',
  'notices.readAll': '全部已读',
  'notices.empty': '暂无通知',
  'notices.openPatient': '查看患者',
} as const;

export const notificationsEn: Record<keyof typeof notificationsZh, string> = {
  'notices.title': 'Notifications',
  'notices.readAll': 'Mark all read',
  'notices.empty': 'No notifications',
  'notices.openPatient': 'Open patient',
};
