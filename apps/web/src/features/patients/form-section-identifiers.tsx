import { Button, Form, Input, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { IDENTIFIER_KINDS } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';

/** 标识号: medical-record numbers, card numbers and source-system ids, each with its issuing system. */
export function IdentifiersSection() {
  const { t } = useI18n();
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <Form.List name="identifiers">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <div key={field.key} className="cb-form-list-row">
              <Form.Item
                name={[field.name, 'kind']}
                style={{ width: 130 }}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Select
                  options={IDENTIFIER_KINDS.map((k) => ({ value: k, label: t(`vocab.identifier.${k}`) }))}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'system']} style={{ width: 150 }} rules={required}>
                <Input maxLength={40} placeholder={t('patients.form.identifierSystem')} />
              </Form.Item>
              <Form.Item name={[field.name, 'value']} style={{ flex: 1 }} rules={required}>
                <Input maxLength={64} placeholder={t('patients.form.identifierValue')} />
              </Form.Item>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                onClick={() => remove(field.name)}
                aria-label={t('common.delete')}
              />
            </div>
          ))}
          {fields.length < 20 && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'mrn', system: 'HIS' })}>
              {t('patients.form.addIdentifier')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
