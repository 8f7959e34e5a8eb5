import { useQuery } from '@tanstack/react-query';
import { Alert, Skeleton } from 'antd';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';
import { useCan } from '../../app/session';
import { ApiErrorAlert } from '../interop/api-error-alert';
import { PolicyEditor } from './policy-editor';
import { PolicyHistory } from './policy-history';
import { getPolicies, POLICIES_QUERY_KEY } from './segmentation-api';
import './segmentation.css';

/** 分层策略: the figures that decide tiers, levels, CLV, churn risk and scores; viewable, editable by managers. */
export function SegmentationPolicyPage() {
  const { t } = useI18n();
  const can = useCan();
  const editable = can('segmentation.manage');
  // A background refetch would remount the editor and drop unsaved edits: the policy reloads on request.
  const policies = useQuery({
    queryKey: POLICIES_QUERY_KEY,
    queryFn: getPolicies,
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });
  const current = policies.data?.current;
  const history = policies.data?.history ?? [];

  return (
    <>
      <PageHeader
        title={t('policy.title')}
        subtitle={
          current
            ? t('policy.subtitleVersion', {
                version: current.version,
                at: formatDateTime(current.createdAt),
                by: current.createdByName ?? current.createdBy ?? t('policy.defaults'),
              })
            : t('policy.subtitle')
        }
      />
      {!editable && <Alert type="info" showIcon title={t('policy.readOnly')} className="cb-seg-alert" />}
      {policies.isPending && <Skeleton active paragraph={{ rows: 12 }} />}
      {policies.isError && <ApiErrorAlert error={policies.error} />}
      {current && (
        <div data-testid="policy-page" data-version={current.version}>
          <PolicyEditor
            key={current.version}
            policy={current.policy}
            version={current.version}
            editable={editable}
            onReload={() => void policies.refetch()}
          />
          <PolicyHistory history={history} current={current.version} />
        </div>
      )}
    </>
  );
}
