import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Popover, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/errors';
import { useI18n } from '../../app/i18n';
import { useCan } from '../../app/session';
import { NotificationList } from './notification-list';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  NOTIFICATIONS_QUERY_KEY,
  type Notification,
} from './notifications-api';
import './notifications.css';

/** Notices arrive without a push channel: the bell asks every minute (and when the tab regains focus). */
const POLL_MS = 60_000;

/** The header's bell: unread count, the newest notices, read one or all; a patient's notice opens their 360. */
export function NotificationBell({ className }: { className?: string }) {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const notices = useQuery({
    queryKey: NOTIFICATIONS_QUERY_KEY,
    queryFn: () => listNotifications(),
    refetchInterval: POLL_MS,
    retry: false,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_QUERY_KEY });
  const onError = (error: unknown) => void message.error(errorMessage(error, t));
  const readOne = useMutation({ mutationFn: markNotificationRead, onSettled: refresh, onError });
  const readAll = useMutation({ mutationFn: markAllNotificationsRead, onSettled: refresh, onError });

  const openNotice = (notice: Notification) => {
    if (!notice.readAt) readOne.mutate(notice.id);
    if (notice.patientId && can('patients.read')) {
      setOpen(false);
      void navigate(`/patients/${notice.patientId}`);
    }
  };

  let content;
  if (notices.isPending) content = <Spin className="cb-page-spin" />;
  else if (notices.isError)
    content = <Typography.Text type="secondary">{errorMessage(notices.error, t)}</Typography.Text>;
  else
    content = (
      <NotificationList
        items={notices.data.items}
        unread={notices.data.unread}
        onOpen={openNotice}
        onReadAll={() => readAll.mutate()}
        busy={readAll.isPending}
      />
    );

  return (
    <Popover
      content={content}
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      arrow={false}
    >
      <Badge count={notices.data?.unread ?? 0} size="small" offset={[-6, 6]}>
        <Button
          type="text"
          className={className}
          icon={<BellOutlined />}
          aria-label={t('notices.title')}
          data-testid="notification-bell"
          data-unread={notices.data?.unread ?? 0}
        />
      </Badge>
    </Popover>
  );
}
