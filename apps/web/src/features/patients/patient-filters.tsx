import { Button, Checkbox, Flex, Input, InputNumber, Select, Tooltip } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { GENDERS, PATIENT_SORTS } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';
import { useCan } from '../../app/session';
import { DepartmentSelect } from '../organisation/department-select';
import { HealthManagerSelect } from './health-manager-select';
import { filterProblems, type PatientFilterState } from './patient-search-params';

/** The one search box and the filters of the patient list. */
export function PatientFilters({
  value,
  onChange,
  onReset,
}: {
  value: PatientFilterState;
  onChange: (patch: Partial<PatientFilterState>) => void;
  onReset: () => void;
}) {
  const { t } = useI18n();
  const can = useCan();
  const problems = filterProblems(value);
  // The picker lists colleagues (GET /api/staff), which every staff role may read.
  const showManager = can('organisation.read');

  return (
    <Flex vertical gap={12}>
      <Input
        size="large"
        allowClear
        autoFocus
        prefix={<SearchOutlined />}
        placeholder={t('patients.searchPlaceholder')}
        value={value.q}
        onChange={(e) => onChange({ q: e.target.value })}
        maxLength={50}
        data-testid="patient-search"
      />
      <Flex wrap gap={8} align="center" data-testid="patient-filters">
        <Select
          allowClear
          placeholder={t('patient.gender')}
          style={{ width: 100 }}
          value={value.gender}
          onChange={(gender) => onChange({ gender })}
          options={GENDERS.map((g) => ({ value: g, label: t(`vocab.gender.${g}`) }))}
        />
        <Tooltip
          title={problems.ageRange ? t('patients.ageRangeInvalid') : undefined}
          open={problems.ageRange || undefined}
        >
          <Flex align="center" gap={4}>
            <InputNumber
              min={0}
              max={150}
              precision={0}
              placeholder={t('patients.ageMin')}
              style={{ width: 96 }}
              status={problems.ageRange ? 'error' : undefined}
              value={value.ageMin ?? null}
              onChange={(v) => onChange({ ageMin: v ?? undefined })}
            />
            <span>–</span>
            <InputNumber
              min={0}
              max={150}
              precision={0}
              placeholder={t('patients.ageMax')}
              style={{ width: 96 }}
              status={problems.ageRange ? 'error' : undefined}
              value={value.ageMax ?? null}
              onChange={(v) => onChange({ ageMax: v ?? undefined })}
            />
          </Flex>
        </Tooltip>
        <Select
          mode="tags"
          allowClear
          placeholder={t('patient.tags')}
          style={{ minWidth: 160 }}
          value={value.tags}
          onChange={(tags: string[]) => onChange({ tags })}
          tokenSeparators={[',', '，']}
          open={false}
          suffixIcon={null}
        />
        <DepartmentSelect
          value={value.departmentId}
          onChange={(departmentId) => onChange({ departmentId })}
          placeholder={t('patients.departmentVisited')}
          style={{ width: 180 }}
        />
        <Tooltip title={t('patients.chronicHint')}>
          <Input
            allowClear
            placeholder={t('patients.chronic')}
            style={{ width: 150 }}
            status={problems.chronic ? 'error' : undefined}
            value={value.chronic}
            onChange={(e) => onChange({ chronic: e.target.value.toUpperCase() })}
            maxLength={8}
          />
        </Tooltip>
        {showManager && (
          <HealthManagerSelect
            value={value.healthManagerId}
            onChange={(healthManagerId) => onChange({ healthManagerId })}
            placeholder={t('patient.healthManager')}
            style={{ width: 160 }}
          />
        )}
        <Checkbox checked={value.vip} onChange={(e) => onChange({ vip: e.target.checked })}>
          {t('patients.vipOnly')}
        </Checkbox>
        <Select
          style={{ width: 150 }}
          value={value.sort}
          onChange={(sort) => onChange({ sort })}
          options={PATIENT_SORTS.map((s) => ({ value: s, label: t(`patients.sort.${s}`) }))}
        />
        <Button onClick={onReset}>{t('common.reset')}</Button>
      </Flex>
    </Flex>
  );
}
