import { Alert, Button, Checkbox, Form, Input, Select, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { CHANNELS, PHONE_KINDS, type Patient } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';
import type { PatientFormValues } from './patient-form-model';
import { usePunctuation } from './punctuation';

function PhoneList() {
  const { t } = useI18n();
  return (
    <Form.List name="phones">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <div key={field.key} className="cb-form-list-row" data-testid="patient-form-phone">
              <Form.Item name={[field.name, 'kind']} style={{ width: 110 }}>
                <Select options={PHONE_KINDS.map((k) => ({ value: k, label: t(`vocab.phoneKind.${k}`) }))} />
              </Form.Item>
              <Form.Item name={[field.name, 'number']} style={{ flex: 1 }}>
                <Input
                  placeholder={t('patients.form.phonePlaceholder')}
                  maxLength={20}
                  autoComplete="off"
                  data-testid="patient-form-phone-number"
                />
              </Form.Item>
              <Form.Item name={[field.name, 'primary']} valuePropName="checked">
                <Checkbox>{t('patient.primaryPhone')}</Checkbox>
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
          {fields.length < 5 && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ kind: 'mobile', primary: fields.length === 0 })}
              style={{ marginBottom: 16 }}
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
export function ContactSection({ editing }: { editing: Patient | null }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<PatientFormValues>();
  const replacePhones = Form.useWatch('replacePhones', form);
  const punct = usePunctuation();
  const showPhones = !editing || replacePhones;
  return (
    <>
      {editing && (
        <div className="cb-form-replace">
          <span>
            {t('patients.form.currentPhones')}
            {editing.phones.length ? editing.phones.map((p) => p.masked).join(punct.list) : t('common.none')}
          </span>
          <Form.Item name="replacePhones" valuePropName="checked" noStyle>
            <Switch size="small" />
          </Form.Item>
          <span>{t('patients.form.replacePhones')}</span>
        </div>
      )}
      {editing && replacePhones && (
        <Alert
          type="info"
          showIcon
          title={t('patients.form.replacePhonesHint')}
          style={{ marginBottom: 12 }}
        />
      )}
      {showPhones && <PhoneList />}
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
