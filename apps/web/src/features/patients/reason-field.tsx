import { Form, Input } from 'antd';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';

/**
 * The reason the audit trail records for unmasking, exporting or erasing: required, 2–200 characters,
 * as the server's contract says.
 */
export function ReasonField({
  label,
  placeholder,
  testId,
}: {
  label: MessageKey;
  placeholder: MessageKey;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="reason"
      label={t(label)}
      rules={[
        { required: true, whitespace: true, message: t('unmask.reasonRequired') },
        { min: 2, max: 200, message: t('unmask.reasonLength') },
      ]}
    >
      <Input.TextArea
        autoSize={{ minRows: 2, maxRows: 4 }}
        maxLength={200}
        placeholder={t(placeholder)}
        data-testid={testId}
      />
    </Form.Item>
  );
}
