import { Button, Empty, Flex, Typography } from 'antd';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { Notification } from './notifications-api';

/** The bell's panel: newest first, unread ones marked; a click opens the notice (and marks it read). */
export function NotificationList({
  items,
  unread,
  onOpen,
  onReadAll,
  busy,
}: {
  items: Notification[];
  unread: number;
  onOpen: (notice: Notification) => void;
  onReadAll: () => void;
  busy: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="cb-notices" data-testid="notification-list">
      <Flex justify="space-between" align="center" className="cb-notices-head">
        <Typography.Text strong>{t('notices.title')}</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          loading={busy}
          onClick={onReadAll}
          data-testid="notification-read-all"
        >
          {t('notices.readAll')}
        </Button>
      </Flex>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notices.empty')} />
      ) : (
        <ul className="cb-notice-list">
          {items.map((notice) => (
            <li key={notice.id}>
              <button
                type="button"
                className={notice.readAt ? 'cb-notice' : 'cb-notice cb-notice-unread'}
                onClick={() => onOpen(notice)}
                data-testid="notification-item"
              >
                <span className="cb-notice-title">{notice.title}</span>
                <span className="cb-notice-body">{notice.body}</span>
                <span className="cb-notice-time">
                  {formatDateTime(notice.createdAt)}
                  {notice.patientId && ` · ${t('notices.openPatient')}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
