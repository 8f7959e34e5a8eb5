import { Button, Checkbox, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { CONTACT_RELATIONS } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';
import type { PatientFormValues } from './patient-form-model';

/**
 * A contact's phone. A stored number (`masked`) is kept (value undefined) unless the user types a new one
 * (a string) or removes it (null); otherwise a plain input, blank for no phone.
 */
function ContactPhoneInput({
  id,
  value,
  onChange,
  masked,
}: {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null | undefined) => void;
  masked?: string | null;
}) {
  const { t } = useI18n();
  if (masked && value === undefined)
    return (
      <div className="cb-form-kept" id={id}>
        <span className="cb-mono" data-testid="patient-form-contact-phone-masked">
          {masked}
        </span>
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onChange?.('')}>
          {t('patients.form.changeNumber')}
        </Button>
        <Button
          type="link"
          size="small"
          danger
          icon={<DeleteOutlined />}
          onClick={() => onChange?.(null)}
          data-testid="patient-form-contact-phone-remove"
        >
          {t('patients.form.removePhone')}
        </Button>
      </div>
    );
  if (masked && value === null)
    return (
      <div className="cb-form-kept" id={id}>
        <Typography.Text delete type="secondary" className="cb-mono">
          {masked}
        </Typography.Text>
        <Tag>{t('patients.form.phoneRemoved')}</Tag>
        <Button type="link" size="small" icon={<UndoOutlined />} onClick={() => onChange?.(undefined)}>
          {t('patients.form.undo')}
        </Button>
      </div>
    );
  const input = (
    <Input
      id={id}
      value={value ?? ''}
      onChange={(e) => onChange?.(e.target.value)}
      maxLength={20}
      autoComplete="off"
      autoFocus={!!masked}
      placeholder={masked ? t('patients.form.newNumberPlaceholder', { masked }) : t('patient.phone')}
      data-testid="patient-form-contact-phone"
    />
  );
  if (!masked) return input;
  return (
    <Space.Compact style={{ width: '100%' }}>
      {input}
      <Button
        icon={<UndoOutlined />}
        onClick={() => onChange?.(undefined)}
        title={t('patients.form.keepNumber')}
        aria-label={t('patients.form.keepNumber')}
      />
    </Space.Compact>
  );
}

/** 联系人: family and other contacts; a stored contact keeps its (masked) phone unless it is changed. */
export function ContactsSection() {
  const { t } = useI18n();
  const form = Form.useFormInstance<PatientFormValues>();
  return (
    <Form.List name="contacts">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => {
            const masked = form.getFieldValue(['contacts', field.name, 'phoneMasked']) as
              string | null | undefined;
            return (
              <div key={field.key} className="cb-form-list-block" data-testid="patient-form-contact">
                <div className="cb-form-list-row">
                  <Form.Item
                    name={[field.name, 'relation']}
                    style={{ width: 120 }}
                    rules={[{ required: true, message: t('common.required') }]}
                  >
                    <Select
                      placeholder={t('patient.relation')}
                      options={CONTACT_RELATIONS.map((r) => ({ value: r, label: t(`vocab.relation.${r}`) }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'name']}
                    style={{ width: 140 }}
                    rules={[{ required: true, whitespace: true, message: t('common.required') }]}
                  >
                    <Input maxLength={50} placeholder={t('patient.contactName')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'phone']} style={{ flex: 1 }}>
                    <ContactPhoneInput masked={masked} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'emergency']} valuePropName="checked">
                    <Checkbox>{t('patient.emergencyContact')}</Checkbox>
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('common.delete')}
                  />
                </div>
                <Form.Item name={[field.name, 'note']}>
                  <Input maxLength={200} placeholder={t('patient.note')} />
                </Form.Item>
              </div>
            );
          })}
          {fields.length < 10 && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ emergency: false })}>
              {t('patients.form.addContact')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
