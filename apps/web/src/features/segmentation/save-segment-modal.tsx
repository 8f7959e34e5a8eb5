import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio } from 'antd';
import type { SegmentFilter } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';
import { useFormErrors } from '../../app/use-form-errors';
import { createSegment, SEGMENTS_QUERY_KEY, type Segment, type SegmentDraft } from './segments-api';

type SaveForm = Pick<SegmentDraft, 'name' | 'description' | 'kind'>;
const FIELDS = ['name', 'description', 'kind'] as const;

/** Names the builder's conditions and saves them: dynamic (re-counted on use) or a frozen snapshot. */
export function SaveSegmentModal({
  filter,
  open,
  onClose,
  onSaved,
}: {
  filter: SegmentFilter | null;
  open: boolean;
  onClose: () => void;
  onSaved: (segment: Segment) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SaveForm>();
  const { showError, clearError, alert } = useFormErrors(form, FIELDS);
  const save = useMutation({
    mutationFn: (values: SaveForm & { filter: SegmentFilter }) =>
      createSegment({ ...values, description: values.description?.trim() || undefined }),
    onSuccess: async (segment) => {
      void message.success(t('segments.saved', { name: segment.name, count: segment.count }));
      form.resetFields();
      onSaved(segment);
      await queryClient.invalidateQueries({ queryKey: SEGMENTS_QUERY_KEY });
    },
    onError: showError,
  });
  const close = () => {
    clearError();
    onClose();
  };

  return (
    <Modal
      title={t('segments.saveTitle')}
      open={open}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: save.isPending, disabled: !filter, 'data-testid': 'segment-save-submit' }}
      destroyOnHidden
    >
      {alert}
      <Form<SaveForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'dynamic' }}
        onFinish={(values) => {
          clearError();
          if (filter) save.mutate({ ...values, filter });
        }}
      >
        <Form.Item
          name="name"
          label={t('segments.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 60 }]}
        >
          <Input maxLength={60} placeholder={t('segments.namePlaceholder')} data-testid="segment-name" />
        </Form.Item>
        <Form.Item name="description" label={t('segments.description')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="kind" label={t('segments.kind')}>
          <Radio.Group data-testid="segment-kind">
            <Radio value="dynamic">{t('segments.kind.dynamic')}</Radio>
            <Radio value="snapshot">{t('segments.kind.snapshot')}</Radio>
          </Radio.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}
