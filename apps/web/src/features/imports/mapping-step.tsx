import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Row, Statistic, Typography } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import { ApiErrorAlert } from '../interop/api-error-alert';
import {
  previewImport,
  startImport,
  type ColumnMapping,
  type ImportDraft,
  type ImportJob,
  type ImportPreview,
} from './imports-api';
import { MappingTable, unmappedRequired } from './mapping-table';
import { PreviewTable } from './preview-table';

/**
 * Step 2: which column feeds which field, the first rows as they would be read (re-read whenever the
 * mapping changes), an optional dry run over the whole file, and the start of the import.
 */
export function MappingStep({
  draft,
  suggestion,
  onBack,
  onStarted,
}: {
  draft: ImportDraft & { id: number };
  suggestion: ImportPreview;
  onBack: () => void;
  onStarted: (job: ImportJob) => void;
}) {
  const { t } = useI18n();
  const [mapping, setMapping] = useState<ColumnMapping>(suggestion.mapping);
  const mappingKey = JSON.stringify(mapping);
  const suggestedKey = JSON.stringify(suggestion.mapping);

  const preview = useQuery({
    queryKey: ['import-preview', draft.id, mappingKey],
    queryFn: () => previewImport(draft, mapping),
    initialData: mappingKey === suggestedKey ? suggestion : undefined,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    retry: false,
  });
  const dryRun = useMutation({ mutationFn: () => previewImport(draft, mapping, true) });
  const start = useMutation({ mutationFn: () => startImport(draft, mapping), onSuccess: onStarted });

  const shown = preview.data ?? suggestion;
  const missing = unmappedRequired(shown.fields, mapping);
  const totals = dryRun.data?.dryRun;
  const change = (next: ColumnMapping) => {
    setMapping(next);
    dryRun.reset();
    start.reset();
  };

  return (
    <>
      <Card title={t('imports.mappingTitle')} size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">
          {t('imports.mappingHint', { file: draft.file.name, columns: shown.headers.length })}
        </Typography.Paragraph>
        <MappingTable preview={shown} suggested={suggestion.mapping} mapping={mapping} onChange={change} />
      </Card>
      <Card
        title={t('imports.previewTitle', { rows: shown.rows.length })}
        size="small"
        style={{ marginBottom: 16 }}
        extra={
          <Button
            icon={<CheckCircleOutlined />}
            loading={dryRun.isPending}
            disabled={missing.length > 0}
            onClick={() => dryRun.mutate()}
            data-testid="import-dry-run"
          >
            {t('imports.dryRun')}
          </Button>
        }
      >
        {preview.isError && <ApiErrorAlert error={preview.error} testId="import-preview-error" />}
        {dryRun.isError && <ApiErrorAlert error={dryRun.error} />}
        {totals && (
          <Row gutter={16} style={{ marginBottom: 16 }} data-testid="import-dry-run-result">
            <Col span={8}>
              <Statistic title={t('imports.dryRunRows')} value={totals.rows} />
            </Col>
            <Col span={8}>
              <Statistic
                title={t('imports.dryRunValid')}
                value={totals.valid}
                styles={{ content: { color: '#389e0d' } }}
              />
            </Col>
            <Col span={8}>
              <Statistic
                title={t('imports.dryRunRejected')}
                value={totals.rejected}
                styles={{ content: { color: totals.rejected > 0 ? '#cf1322' : undefined } }}
              />
            </Col>
          </Row>
        )}
        <PreviewTable preview={shown} mapping={mapping} loading={preview.isFetching} />
      </Card>
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('imports.missingRequired', { fields: missing.map((f) => f.label).join('、') })}
        />
      )}
      {start.isError && <ApiErrorAlert error={start.error} testId="import-start-error" />}
      <Flex justify="space-between">
        <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
          {t('imports.back')}
        </Button>
        <Button
          type="primary"
          icon={<CloudUploadOutlined />}
          loading={start.isPending}
          disabled={missing.length > 0 || preview.isError}
          onClick={() => start.mutate()}
          data-testid="import-start"
        >
          {t('imports.start')}
        </Button>
      </Flex>
    </>
  );
}
