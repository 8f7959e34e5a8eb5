import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { listUsers } from '../../api/endpoints';
import { useI18n } from '../../app/i18n';
import { useCan, useMe } from '../../app/session';

/**
 * Choose a health manager (a staff account with the health_manager role). The full list needs
 * users.read; without it the choice is the signed-in health manager and whoever is already assigned.
 */
export function HealthManagerSelect({
  value,
  onChange,
  current,
  placeholder,
  style,
  testId,
}: {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  current?: { id: string; displayName: string } | null;
  placeholder?: string;
  style?: React.CSSProperties;
  testId?: string;
}) {
  const { t } = useI18n();
  const me = useMe();
  const can = useCan();
  const users = useQuery({
    queryKey: ['users'],
    queryFn: listUsers,
    enabled: can('users.read'),
    staleTime: 5 * 60_000,
  });
  const options = useMemo(() => {
    const byId = new Map<string, string>();
    if (current) byId.set(current.id, current.displayName);
    if (me.roles.includes('health_manager')) byId.set(me.id, `${me.displayName}${t('patients.meSuffix')}`);
    for (const u of users.data?.items ?? [])
      if (u.active && u.roles.includes('health_manager')) byId.set(u.id, u.displayName);
    return [...byId].map(([id, label]) => ({ value: id, label }));
  }, [current, me, users.data, t]);

  return (
    <Select
      data-testid={testId}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={options}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      loading={users.isLoading}
      style={style}
      notFoundContent={t('patients.noHealthManagers')}
    />
  );
}
