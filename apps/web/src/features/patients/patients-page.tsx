import { useMemo, useState } from 'react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Flex, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { searchPatients } from '../../api/endpoints';
import { errorMessage } from '../../api/errors';
import { formatCount } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';
import { useCan } from '../../app/session';
import { PatientFilters } from './patient-filters';
import { PatientFormDrawer } from './patient-form-drawer';
import { PATIENT_SEARCH_KEY } from './patient-queries';
import {
  filterProblems,
  readFilters,
  toSearch,
  writeFilters,
  type PatientFilterState,
} from './patient-search-params';
import { PatientTable } from './patient-table';
import { useDebouncedValue } from './use-debounced-value';
import './patients.css';

/** 患者档案: find a patient by anything staff have at hand, then open the 360° record. */
export function PatientsPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);

  const filters = useMemo(() => readFilters(params), [params]);
  const update = (patch: Partial<PatientFilterState>) =>
    setParams(writeFilters({ ...filters, ...patch }), { replace: true });
  // One request once typing pauses (~250 ms), not one per keystroke.
  const debounced = useDebouncedValue(filters, 250);
  const problems = filterProblems(debounced);
  const search = useMemo(() => toSearch(debounced), [debounced]);

  const patients = useInfiniteQuery({
    queryKey: [...PATIENT_SEARCH_KEY, search],
    queryFn: ({ pageParam }) => searchPatients(search, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: !problems.chronic && !problems.ageRange,
  });
  const rows = patients.data?.pages.flatMap((page) => page.items) ?? [];
  const first = patients.data?.pages[0];

  return (
    <>
      <PageHeader
        title={t('patients.title')}
        subtitle={t('patients.subtitle')}
        extra={
          can('patients.write') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="patient-create"
              onClick={() => setCreating(true)}
            >
              {t('patients.create')}
            </Button>
          )
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <PatientFilters
          value={filters}
          onChange={update}
          onReset={() => setParams(new URLSearchParams(), { replace: true })}
        />
      </Card>
      <Card>
        <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary" data-testid="patients-total">
            {first ? t('patients.total', { total: formatCount(first.total, first.totalExact) }) : ' '}
          </Typography.Text>
        </Flex>
        <PatientTable
          rows={rows}
          loading={patients.isFetching && !patients.isFetchingNextPage}
          emptyText={patients.isError ? errorMessage(patients.error, t) : undefined}
          onOpen={(p) => void navigate(`/patients/${p.id}`)}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('patients.loaded', { count: rows.length })}</Typography.Text>
          {patients.hasNextPage ? (
            <Button
              onClick={() => void patients.fetchNextPage()}
              loading={patients.isFetchingNextPage}
              data-testid="patients-more"
            >
              {t('common.loadMore')}
            </Button>
          ) : (
            rows.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
          )}
        </Flex>
      </Card>
      <PatientFormDrawer
        open={creating}
        editing={null}
        onClose={() => setCreating(false)}
        onSaved={(p) => void navigate(`/patients/${p.id}`)}
      />
    </>
  );
}
