import { useMemo } from 'react';
import { Select } from 'antd';
import { useI18n } from '../../app/i18n';
import { useDepartments } from '../organisation/departments-query';

/** Several departments by name (the hospital's list, loaded once and shared with the other pickers). */
export function DepartmentMultiSelect({
  value,
  onChange,
  bad,
}: {
  value: string[] | undefined;
  onChange: (next: string[]) => void;
  bad?: boolean;
}) {
  const { t, lang } = useI18n();
  const departments = useDepartments();
  const options = useMemo(
    () =>
      (departments.data?.items ?? [])
        .filter((d) => d.active || value?.includes(d.id))
        .map((d) => ({ value: d.id, label: lang === 'en' && d.nameEn ? d.nameEn : d.name })),
    [departments.data, lang, value],
  );
  return (
    <Select<string[]>
      mode="multiple"
      value={value ?? []}
      onChange={onChange}
      options={options}
      loading={departments.isLoading}
      placeholder={t('segments.visits.anyDepartment')}
      status={bad ? 'error' : undefined}
      showSearch={{ optionFilterProp: 'label' }}
      maxCount={50}
      style={{ minWidth: 200 }}
      data-testid="cond-visits-departments"
    />
  );
}
