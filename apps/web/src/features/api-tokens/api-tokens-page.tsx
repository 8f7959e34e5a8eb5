import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Popconfirm, Table, Tag, Typography, type TableProps } from 'antd';
import { DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { listApiTokens, revokeApiToken, type ApiToken, type CreatedApiToken } from '../../api/endpoints';
import { errorMessage } from '../../api/errors';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';
import { API_TOKENS_QUERY_KEY, CreateApiTokenModal, TokenSecretModal } from './api-token-modals';

export function ApiTokensPage() {
  const { t, roleLabel } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  const tokens = useQuery({ queryKey: API_TOKENS_QUERY_KEY, queryFn: listApiTokens });
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => revokeApiToken(token.id),
    onSuccess: async () => {
      void message.success(t('tokens.revokedOk'));
      await queryClient.invalidateQueries({ queryKey: API_TOKENS_QUERY_KEY });
    },
    onError: (error) => void message.error(errorMessage(error, t)),
  });

  const columns: TableProps<ApiToken>['columns'] = [
    { title: t('tokens.name'), dataIndex: 'name', width: 180 },
    {
      title: t('tokens.prefix'),
      dataIndex: 'tokenPrefix',
      width: 150,
      render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text>,
    },
    {
      title: t('tokens.roles'),
      dataIndex: 'roles',
      render: (roles: ApiToken['roles']) =>
        roles.map((role) => (
          <Tag key={role} color="cyan">
            {roleLabel(role)}
          </Tag>
        )),
    },
    {
      title: t('tokens.status'),
      dataIndex: 'revokedAt',
      width: 110,
      render: (revokedAt: string | null) =>
        revokedAt ? (
          <Badge status="default" text={t('tokens.revoked')} />
        ) : (
          <Badge status="success" text={t('tokens.active')} />
        ),
    },
    {
      title: t('tokens.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('tokens.lastUsed'),
      dataIndex: 'lastUsedAt',
      width: 170,
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, token) =>
        token.revokedAt ? null : (
          <Popconfirm
            title={t('tokens.confirmRevoke', { name: token.name })}
            okText={t('tokens.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke.mutateAsync(token)}
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />}>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        subtitle={t('tokens.subtitle')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void tokens.refetch()}>
              {t('common.refresh')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="token-create"
              onClick={() => setCreating(true)}
            >
              {t('tokens.create')}
            </Button>
          </>
        }
      />
      <Card>
        <Table<ApiToken>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={tokens.data?.items ?? []}
          loading={tokens.isFetching}
          scroll={{ x: 960 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={tokens.isError ? { emptyText: errorMessage(tokens.error, t) } : undefined}
          data-testid="tokens-table"
        />
      </Card>
      <CreateApiTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setCreating(false);
          setCreated(token);
        }}
      />
      <TokenSecretModal token={created} onClose={() => setCreated(null)} />
    </>
  );
}
