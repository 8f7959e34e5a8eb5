import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { listStaff } from '../../api/endpoints';
import { useI18n } from '../../app/i18n';
import { useMe } from '../../app/session';

interface ManagerOption {
  value: string;
  label: string;
  department: string | null;
}

/** The active health managers (GET /api/staff?role=health_manager, open to every staff member). */
function useHealthManagers() {
  return useQuery({
    queryKey: ['staff', 'health_manager'],
    queryFn: () => listStaff({ role: 'health_manager' }),
    staleTime: 5 * 60_000,
  });
}

/**
 * Choose a health manager (an active staff account with the health_manager role), searchable by name or
 * department. `current` is the one already assigned: shown by name even when no longer active.
 */
export function HealthManagerSelect({
  id,
  value,
  onChange,
  current,
  placeholder,
  style,
  testId,
}: {
  /** Set by Form.Item: the label points at it and a field error scrolls to it. */
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  current?: { id: string; displayName: string } | null;
  placeholder?: string;
  style?: React.CSSProperties;
  testId?: string;
}) {
  const { t } = useI18n();
  const me = useMe();
  const managers = useHealthManagers();
  const options = useMemo(() => {
    const byId = new Map<string, ManagerOption>();
    for (const m of managers.data?.items ?? [])
      byId.set(m.id, {
        value: m.id,
        label: m.id === me.id ? `${m.displayName}${t('patients.meSuffix')}` : m.displayName,
        department: m.department,
      });
    if (current && !byId.has(current.id))
      byId.set(current.id, { value: current.id, label: current.displayName, department: null });
    return [...byId.values()];
  }, [managers.data, current, me.id, t]);

  return (
    <Select<string, ManagerOption>
      id={id}
      data-testid={testId}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={options}
      allowClear
      showSearch={{
        filterOption: (input, option) =>
          `${option?.label ?? ''} ${option?.department ?? ''}`.toLowerCase().includes(input.toLowerCase()),
      }}
      optionRender={(option) => (
        <span>
          {option.data.label}
          {option.data.department && (
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
              {option.data.department}
            </Typography.Text>
          )}
        </span>
      )}
      placeholder={placeholder}
      loading={managers.isLoading}
      style={style}
      popupMatchSelectWidth={false}
      notFoundContent={t('patients.noHealthManagers')}
    />
  );
}
