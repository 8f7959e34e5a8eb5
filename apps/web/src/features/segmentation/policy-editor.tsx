import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Tooltip } from 'antd';
import { EyeOutlined, SaveOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useI18n } from '../../app/i18n';
import { clearIssuesOnEdit, placeIssues } from '../patients/form-issues';
import type { PathIssue } from '../patients/zod-issues';
import { PolicyFormSections } from './policy-form-sections';
import { PolicyPreviewResult } from './policy-preview';
import { policyServerIssues, validatePolicy } from './policy-validation';
import {
  previewPolicy,
  savePolicy,
  SEGMENTATION_QUERY_KEY,
  type PolicyPreview,
  type SegmentationPolicy,
} from './segmentation-api';

interface Previewed {
  /** The form's values the preview was made of: saving is allowed while they are unchanged. */
  values: string;
  result: PolicyPreview;
}

/**
 * The policy form. A change is previewed before it is saved (the matrix shows who would move), and the
 * save names the version it was based on, so two editors cannot silently overwrite each other.
 */
export function PolicyEditor({
  policy,
  version,
  editable,
  onReload,
}: {
  policy: SegmentationPolicy;
  version: number;
  editable: boolean;
  onReload: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SegmentationPolicy>();
  const [values, setValues] = useState(() => JSON.stringify(policy));
  const [previewed, setPreviewed] = useState<Previewed | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [note, setNote] = useState('');

  const currentValues = () => JSON.stringify(form.getFieldsValue(true));
  const showIssues = (issues: PathIssue[], fallback: string) => {
    const unplaced = placeIssues(form, issues);
    setFormError(unplaced.length || issues.length === 0 ? [fallback, ...unplaced].join(' ') : null);
  };
  const showServerError = (error: unknown) => showIssues(policyServerIssues(error), errorMessage(error, t));
  /** The form's policy when it is valid; otherwise its problems are shown on the fields. */
  const checked = (): SegmentationPolicy | null => {
    const result = validatePolicy(form.getFieldsValue(true), t, lang);
    if (result.ok) return result.policy;
    showIssues(result.issues, t('policy.error.form'));
    return null;
  };

  const preview = useMutation({
    mutationFn: ({ policy: next }: { policy: SegmentationPolicy; values: string }) => previewPolicy(next),
    onSuccess: (result, { values: previewedValues }) => setPreviewed({ values: previewedValues, result }),
    onError: showServerError,
  });
  const save = useMutation({
    mutationFn: savePolicy,
    onSuccess: async (saved) => {
      void message.success(
        saved.jobId
          ? t('policy.savedRecompute', { version: saved.version })
          : t('policy.saved', { version: saved.version }),
      );
      await queryClient.invalidateQueries({ queryKey: SEGMENTATION_QUERY_KEY });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) setConflict(true);
      else showServerError(error);
    },
  });

  const runPreview = () => {
    setFormError(null);
    const next = checked();
    if (!next) return;
    const previewing = currentValues();
    setValues(previewing);
    preview.mutate({ policy: next, values: previewing });
  };
  const runSave = () => {
    const next = checked();
    if (next) save.mutate({ policy: next, baseVersion: version, note: note.trim() || undefined });
  };
  const upToDate = previewed !== null && previewed.values === values;

  return (
    <>
      {conflict && (
        <Alert
          type="error"
          showIcon
          title={t('policy.conflict')}
          description={t('policy.conflictHint')}
          action={
            <Button onClick={onReload} data-testid="policy-reload">
              {t('policy.reload')}
            </Button>
          }
          className="cb-seg-alert"
          data-testid="policy-conflict"
        />
      )}
      {formError && <Alert type="error" showIcon title={formError} className="cb-seg-alert" />}
      <Form<SegmentationPolicy>
        form={form}
        layout="vertical"
        initialValues={policy}
        disabled={!editable}
        onValuesChange={(changed) => {
          clearIssuesOnEdit(form, changed);
          setValues(currentValues());
        }}
        data-testid="policy-form"
      >
        <PolicyFormSections />
      </Form>
      {editable && (
        <Flex gap={8} wrap align="center" className="cb-policy-actions">
          <Input
            placeholder={t('policy.notePlaceholder')}
            value={note}
            maxLength={200}
            onChange={(e) => setNote(e.target.value)}
            style={{ maxWidth: 420 }}
            data-testid="policy-note"
          />
          <Button
            icon={<EyeOutlined />}
            onClick={runPreview}
            loading={preview.isPending}
            data-testid="policy-preview-run"
          >
            {t('policy.preview')}
          </Button>
          <Tooltip title={upToDate ? undefined : t('policy.saveNeedsPreview')}>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              disabled={!upToDate || conflict}
              loading={save.isPending}
              onClick={runSave}
              data-testid="policy-save"
            >
              {t('common.save')}
            </Button>
          </Tooltip>
        </Flex>
      )}
      {previewed && <PolicyPreviewResult preview={previewed.result} upToDate={upToDate} />}
    </>
  );
}
