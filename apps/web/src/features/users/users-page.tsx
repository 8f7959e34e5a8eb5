import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Input, Popconfirm, Space, Table, Tag, type TableProps } from 'antd';
import {
  EditOutlined,
  PlusOutlined,
  ReloadOutlined,
  StopOutlined,
  CheckCircleOutlined,
} from '@ant-design/icons';
import type { User } from '@carebridge/contracts';
import { listUsers, updateUser } from '../../api/endpoints';
import { errorMessage } from '../../api/errors';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';
import { useCan, useMe } from '../../app/session';
import { USERS_QUERY_KEY, UserFormModal } from './user-form-modal';

function matches(user: User, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  return [user.username, user.displayName, user.department ?? ''].some((v) =>
    v.toLowerCase().includes(needle),
  );
}

export function UsersPage() {
  const { t, roleLabel } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const me = useMe();
  const queryClient = useQueryClient();
  const canManage = can('users.manage');
  const [filter, setFilter] = useState('');
  const [modal, setModal] = useState<{ open: boolean; editing: User | null }>({ open: false, editing: null });

  const users = useQuery({ queryKey: USERS_QUERY_KEY, queryFn: listUsers });
  const setActive = useMutation({
    mutationFn: ({ user, active }: { user: User; active: boolean }) => updateUser(user.id, { active }),
    onSuccess: async (_user, { active }) => {
      void message.success(active ? t('users.enabled') : t('users.disabled'));
      await queryClient.invalidateQueries({ queryKey: USERS_QUERY_KEY });
    },
    onError: (error) => void message.error(errorMessage(error, t)),
  });

  const rows = useMemo(
    () => (users.data?.items ?? []).filter((u) => matches(u, filter)),
    [users.data, filter],
  );

  const columns: TableProps<User>['columns'] = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      width: 140,
      sorter: (a, b) => a.username.localeCompare(b.username),
    },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 120 },
    {
      title: t('users.department'),
      dataIndex: 'department',
      width: 120,
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (roles: User['roles']) =>
        roles.map((role) => (
          <Tag key={role} color={role === 'admin' ? 'geekblue' : 'cyan'}>
            {roleLabel(role)}
          </Tag>
        )),
    },
    {
      title: t('users.status'),
      dataIndex: 'active',
      width: 90,
      render: (active: boolean) =>
        active ? (
          <Badge status="success" text={t('users.active')} />
        ) : (
          <Badge status="default" text={t('users.inactive')} />
        ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 170,
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: t('users.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (v: string) => formatDateTime(v),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_, user) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => setModal({ open: true, editing: user })}
          >
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t(user.active ? 'users.confirmDisable' : 'users.confirmEnable', {
              name: user.displayName,
            })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => setActive.mutateAsync({ user, active: !user.active })}
          >
            <Button
              type="link"
              size="small"
              danger={user.active}
              disabled={user.id === me.id}
              icon={user.active ? <StopOutlined /> : <CheckCircleOutlined />}
            >
              {user.active ? t('users.disable') : t('users.enable')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="user-create"
              onClick={() => setModal({ open: true, editing: null })}
            >
              {t('users.create')}
            </Button>
          )
        }
      />
      <Card>
        <Space style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            onChange={(e) => setFilter(e.target.value)}
            style={{ width: 300 }}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void users.refetch()}>
            {t('common.refresh')}
          </Button>
        </Space>
        <Table<User>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={users.isFetching}
          scroll={{ x: 1000 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={users.isError ? { emptyText: errorMessage(users.error, t) } : undefined}
          data-testid="users-table"
        />
      </Card>
      <UserFormModal
        open={modal.open}
        editing={modal.editing}
        onClose={() => setModal({ open: false, editing: null })}
      />
    </>
  );
}
