import { Button, Checkbox, Form, Input } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';

/** 特殊日期: birthdays of relatives, anniversaries … as MM-DD, solar or lunar. */
export function SpecialDaysSection() {
  const { t } = useI18n();
  return (
    <Form.List name="specialDays">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <div key={field.key} className="cb-form-list-row">
              <Form.Item
                name={[field.name, 'label']}
                style={{ flex: 1 }}
                rules={[{ required: true, whitespace: true, message: t('common.required') }]}
              >
                <Input maxLength={20} placeholder={t('patients.form.specialDayLabel')} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'monthDay']}
                style={{ width: 130 }}
                rules={[{ required: true, whitespace: true, message: t('common.required') }]}
              >
                <Input maxLength={5} placeholder="MM-DD" />
              </Form.Item>
              <Form.Item name={[field.name, 'lunar']} valuePropName="checked">
                <Checkbox>{t('patient.lunar')}</Checkbox>
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
          {fields.length < 10 && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ lunar: false })}>
              {t('patients.form.addSpecialDay')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
