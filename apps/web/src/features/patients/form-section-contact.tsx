import { Button, Checkbox, Form, Input, Select, Space, type CheckboxChangeEvent } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { CHANNELS, PHONE_KINDS } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';
import type { PatientFormValues } from './patient-form-model';

/**
 * The number of a phone row. A stored phone (`masked`) shows its masked number and keeps it (value
 * undefined) until the user chooses to type a new one; a new row is a plain input.
 */
function PhoneNumberInput({
  id,
  value,
  onChange,
  masked,
}: {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  masked?: string;
}) {
  const { t } = useI18n();
  if (masked && value === undefined)
    return (
      <div className="cb-form-kept" id={id}>
        <span className="cb-mono" data-testid="patient-form-phone-masked">
          {masked}
        </span>
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          onClick={() => onChange?.('')}
          data-testid="patient-form-phone-change"
        >
          {t('patients.form.changeNumber')}
        </Button>
      </div>
    );
  const input = (
    <Input
      id={id}
      value={value ?? ''}
      onChange={(e) => onChange?.(e.target.value)}
      placeholder={
        masked ? t('patients.form.newNumberPlaceholder', { masked }) : t('patients.form.phonePlaceholder')
      }
      maxLength={20}
      autoComplete="off"
      autoFocus={!!masked}
      data-testid="patient-form-phone-number"
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

/** Stored phones keep their (masked) number while kind and primary change; new rows bring a number. */
function PhoneList() {
  const { t } = useI18n();
  const form = Form.useFormInstance<PatientFormValues>();
  // One primary phone: marking one unmarks the others.
  const onlyPrimary = (row: number) => (e: CheckboxChangeEvent) => {
    if (!e.target.checked) return;
    (form.getFieldValue('phones') as PatientFormValues['phones'])?.forEach((p, i) => {
      if (i !== row && p?.primary) form.setFieldValue(['phones', i, 'primary'], false);
    });
  };
  return (
    <Form.List name="phones">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => {
            const masked = form.getFieldValue(['phones', field.name, 'masked']) as string | undefined;
            return (
              <div
                key={field.key}
                className="cb-form-list-row"
                data-testid="patient-form-phone"
                data-stored={masked ? 'true' : undefined}
              >
                <Form.Item name={[field.name, 'kind']} style={{ width: 110 }}>
                  <Select
                    options={PHONE_KINDS.map((k) => ({ value: k, label: t(`vocab.phoneKind.${k}`) }))}
                    data-testid="patient-form-phone-kind"
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'number']} style={{ flex: 1 }}>
                  <PhoneNumberInput masked={masked} />
                </Form.Item>
                <Form.Item name={[field.name, 'primary']} valuePropName="checked">
                  <Checkbox onChange={onlyPrimary(field.name)}>{t('patient.primaryPhone')}</Checkbox>
                </Form.Item>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={t('common.delete')}
                  data-testid="patient-form-phone-remove"
                />
              </div>
            );
          })}
          {fields.length < 5 && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ kind: 'mobile', primary: fields.length === 0 })}
              style={{ marginBottom: 16 }}
              data-testid="patient-form-phone-add"
            >
              {t('patients.form.addPhone')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}

/** 联系方式: phones (kind, primary), e-mail, preferred channel and language. */
export function ContactSection() {
  const { t } = useI18n();
  return (
    <>
      <PhoneList />
      <div className="cb-form-grid">
        <Form.Item name="email" label={t('patient.email')}>
          <Input maxLength={120} autoComplete="off" />
        </Form.Item>
        <Form.Item name="preferredChannel" label={t('patient.preferredChannel')}>
          <Select allowClear options={CHANNELS.map((c) => ({ value: c, label: t(`vocab.channel.${c}`) }))} />
        </Form.Item>
        <Form.Item name="preferredLanguage" label={t('patient.preferredLanguage')}>
          <Input maxLength={20} placeholder={t('patients.form.languagePlaceholder')} />
        </Form.Item>
      </div>
    </>
  );
}
