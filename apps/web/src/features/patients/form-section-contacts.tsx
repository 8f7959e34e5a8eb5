import { Alert, Button, Checkbox, Form, Input, Select, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { CONTACT_RELATIONS, type Patient } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';
import type { PatientFormValues } from './patient-form-model';
import { usePunctuation } from './punctuation';

function ContactList({ editing }: { editing: Patient | null }) {
  const { t } = useI18n();
  return (
    <Form.List name="contacts">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <div key={field.key} className="cb-form-list-block">
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
                  <Input
                    maxLength={20}
                    autoComplete="off"
                    placeholder={editing?.contacts[field.name]?.phoneMasked ?? t('patient.phone')}
                  />
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
          ))}
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

/** 联系人: family and other contacts; when editing, their masked phones must be typed again to keep them. */
export function ContactsSection({ editing }: { editing: Patient | null }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<PatientFormValues>();
  const replace = Form.useWatch('replaceContacts', form);
  const punct = usePunctuation();
  if (!editing) return <ContactList editing={null} />;
  return (
    <>
      <div className="cb-form-replace">
        <span>
          {t('patients.form.currentContacts', { count: editing.contacts.length })}
          {editing.contacts
            .map((c) => c.name + punct.paren(t(`vocab.relation.${c.relation}`)))
            .join(punct.list)}
        </span>
        <Form.Item name="replaceContacts" valuePropName="checked" noStyle>
          <Switch size="small" />
        </Form.Item>
        <span>{t('patients.form.replaceContacts')}</span>
      </div>
      {replace && (
        <>
          <Alert
            type="info"
            showIcon
            title={t('patients.form.replaceContactsHint')}
            style={{ marginBottom: 12 }}
          />
          <ContactList editing={editing} />
        </>
      )}
    </>
  );
}
