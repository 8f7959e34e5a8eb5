import { Form, Input, Radio, Select, Switch } from 'antd';
import { GENDERS, type Patient } from '@carebridge/contracts';
import { ageFrom } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { DateStringPicker } from './date-string-picker';
import { HealthManagerSelect } from './health-manager-select';
import { idCardFacts } from './id-card';
import type { PatientFormValues } from './patient-form-model';

/** 基本信息: name, gender, ID card (fills birth date and gender when valid), birth date, VIP, tags, manager. */
export function BasicSection({ editing }: { editing: Patient | null }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<PatientFormValues>();
  const deceased = Form.useWatch('deceased', form);
  const age = ageFrom(Form.useWatch('birthDate', form));

  const onIdCard = (value: string) => {
    const facts = idCardFacts(value);
    if (!facts) return;
    form.setFieldsValue({ birthDate: facts.birthDate, gender: facts.gender });
    void form.validateFields(['birthDate', 'gender']).catch(() => undefined);
  };

  return (
    <div className="cb-form-grid">
      <Form.Item
        name="name"
        label={t('patient.name')}
        rules={[{ required: true, whitespace: true, message: t('common.required') }]}
      >
        <Input maxLength={50} autoComplete="off" data-testid="patient-form-name" />
      </Form.Item>
      <Form.Item
        name="gender"
        label={t('patient.gender')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Radio.Group
          optionType="button"
          options={GENDERS.map((g) => ({ value: g, label: t(`vocab.gender.${g}`) }))}
          data-testid="patient-form-gender"
        />
      </Form.Item>
      <Form.Item
        name="idCard"
        label={t('patient.idCard')}
        extra={
          editing?.idCardMasked
            ? t('patients.form.idCardKeep', { masked: editing.idCardMasked })
            : t('patients.form.idCardHint')
        }
      >
        <Input
          maxLength={18}
          autoComplete="off"
          placeholder={editing?.idCardMasked ?? undefined}
          onChange={(e) => onIdCard(e.target.value)}
          data-testid="patient-form-idcard"
        />
      </Form.Item>
      <Form.Item
        name="birthDate"
        label={t('patient.birthDate')}
        extra={age !== null && age >= 0 ? t('patient.ageYears', { n: age }) : undefined}
      >
        <DateStringPicker testId="patient-form-birthdate" />
      </Form.Item>
      <Form.Item name="healthManagerId" label={t('patient.healthManager')}>
        <HealthManagerSelect current={editing?.healthManager} />
      </Form.Item>
      <Form.Item name="tags" label={t('patient.tags')}>
        <Select
          mode="tags"
          tokenSeparators={[',', '，', '、']}
          open={false}
          suffixIcon={null}
          maxCount={30}
        />
      </Form.Item>
      <Form.Item name="vip" label={t('patient.vip')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="deceased" label={t('patient.deceased')} valuePropName="checked">
        <Switch />
      </Form.Item>
      {deceased && (
        <Form.Item name="deceasedAt" label={t('patient.deceasedAt')}>
          <DateStringPicker />
        </Form.Item>
      )}
    </div>
  );
}
