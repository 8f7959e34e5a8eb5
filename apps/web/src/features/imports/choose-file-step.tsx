import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  Radio,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { ArrowRightOutlined, InboxOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import { ApiErrorAlert } from '../interop/api-error-alert';
import { IMPORT_KINDS, kindHint, kindLabel } from './import-kinds';
import { previewImport, type ImportDraft, type ImportKind, type ImportPreview } from './imports-api';

const ACCEPTED = /\.(csv|xlsx)$/i;
/** As the server accepts it: a short code, not a display name. */
const SOURCE_SYSTEM = /^[\w:.@-]{1,40}$/;

/** Step 1: what the file holds, which system it came from, and the file itself; then its first preview. */
export function ChooseFileStep({
  initial,
  onPreviewed,
}: {
  initial: ImportDraft | null;
  onPreviewed: (draft: ImportDraft, suggestion: ImportPreview) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [kind, setKind] = useState<ImportKind>(initial?.kind ?? 'patients');
  const [sourceSystem, setSourceSystem] = useState(initial?.sourceSystem ?? '');
  const [file, setFile] = useState<File | null>(initial?.file ?? null);
  const [bulk, setBulk] = useState(initial?.bulk ?? false);

  const preview = useMutation({
    mutationFn: (draft: ImportDraft) => previewImport(draft).then((suggestion) => ({ draft, suggestion })),
    onSuccess: ({ draft, suggestion }) => onPreviewed(draft, suggestion),
  });

  const sourceInvalid = sourceSystem.trim() !== '' && !SOURCE_SYSTEM.test(sourceSystem.trim());
  const fileList: UploadFile[] = file
    ? [{ uid: 'chosen', name: file.name, size: file.size, status: 'done' }]
    : [];

  return (
    <Card size="small">
      <Form layout="vertical" style={{ maxWidth: 720 }}>
        <Form.Item label={t('imports.kind')} extra={t(kindHint(kind))}>
          <Radio.Group
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as ImportKind);
              preview.reset();
            }}
            optionType="button"
            buttonStyle="solid"
            options={IMPORT_KINDS.map((k) => ({ value: k, label: t(kindLabel(k)) }))}
            data-testid="import-kind"
          />
        </Form.Item>
        <Form.Item
          label={t('imports.sourceSystem')}
          extra={t('imports.sourceSystemHint')}
          validateStatus={sourceInvalid ? 'error' : undefined}
          help={sourceInvalid ? t('imports.sourceSystemInvalid') : undefined}
        >
          <Input
            value={sourceSystem}
            maxLength={40}
            placeholder={t('imports.sourceSystemPlaceholder')}
            onChange={(e) => setSourceSystem(e.target.value)}
            style={{ maxWidth: 280 }}
          />
        </Form.Item>
        {kind === 'patients' && (
          <Form.Item extra={t('imports.bulkHint')}>
            <Checkbox checked={bulk} onChange={(e) => setBulk(e.target.checked)} data-testid="import-bulk">
              {t('imports.bulk')}
            </Checkbox>
          </Form.Item>
        )}
        <Form.Item label={t('imports.file')} required>
          <Upload.Dragger
            accept=".csv,.xlsx"
            maxCount={1}
            fileList={fileList}
            beforeUpload={(chosen) => {
              if (!ACCEPTED.test(chosen.name)) {
                void message.error(t('imports.fileType'));
                return Upload.LIST_IGNORE;
              }
              setFile(chosen);
              preview.reset();
              // Nothing is uploaded yet: the file goes with the preview and import calls.
              return false;
            }}
            onRemove={() => {
              setFile(null);
              preview.reset();
            }}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('imports.dropHere')}</p>
            <p className="ant-upload-hint">{t('imports.fileHint')}</p>
          </Upload.Dragger>
        </Form.Item>
      </Form>
      <Typography.Paragraph className="cb-import-hint">{t('imports.encodingHint')}</Typography.Paragraph>
      {preview.isError && <ApiErrorAlert error={preview.error} testId="import-file-error" />}
      <Flex justify="flex-end">
        <Button
          type="primary"
          icon={<ArrowRightOutlined />}
          iconPlacement="end"
          disabled={!file || sourceInvalid}
          loading={preview.isPending}
          onClick={() =>
            file && preview.mutate({ file, kind, sourceSystem, bulk: kind === 'patients' && bulk })
          }
          data-testid="import-next"
        >
          {t('imports.next')}
        </Button>
      </Flex>
    </Card>
  );
}
