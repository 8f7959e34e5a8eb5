import { Form, Input, Select } from 'antd';
import { ECONOMIC_STATUSES, EDUCATION_LEVELS, MARITAL_STATUSES } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';

/** 地址: province, city, district, street address; native place. */
export function AddressSection() {
  const { t } = useI18n();
  return (
    <div className="cb-form-grid">
      <Form.Item name={['address', 'province']} label={t('patient.province')}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name={['address', 'city']} label={t('patient.city')}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name={['address', 'district']} label={t('patient.district')}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name={['address', 'detail']} label={t('patient.addressDetail')} className="cb-span-2">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="nativePlace" label={t('patient.nativePlace')}>
        <Input maxLength={60} />
      </Form.Item>
    </div>
  );
}

/** 社会信息: education, marital status, occupation, position, employer, economic status. */
export function SocialSection() {
  const { t } = useI18n();
  return (
    <div className="cb-form-grid">
      <Form.Item name="education" label={t('patient.education')}>
        <Select
          allowClear
          options={EDUCATION_LEVELS.map((v) => ({ value: v, label: t(`vocab.education.${v}`) }))}
        />
      </Form.Item>
      <Form.Item name="maritalStatus" label={t('patient.maritalStatus')}>
        <Select
          allowClear
          options={MARITAL_STATUSES.map((v) => ({ value: v, label: t(`vocab.marital.${v}`) }))}
        />
      </Form.Item>
      <Form.Item name="economicStatus" label={t('patient.economicStatus')}>
        <Select
          allowClear
          options={ECONOMIC_STATUSES.map((v) => ({ value: v, label: t(`vocab.economic.${v}`) }))}
        />
      </Form.Item>
      <Form.Item name="occupation" label={t('patient.occupation')}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="position" label={t('patient.position')}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="employer" label={t('patient.employer')}>
        <Input maxLength={100} />
      </Form.Item>
    </div>
  );
}

/** 偏好与习惯: hobbies, personality, consumption habits (free text staff write for each other). */
export function PreferencesSection() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="hobbies" label={t('patient.hobbies')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} showCount />
      </Form.Item>
      <Form.Item name="personalityNotes" label={t('patient.personalityNotes')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} showCount />
      </Form.Item>
      <Form.Item name="consumptionHabits" label={t('patient.consumptionHabits')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} showCount />
      </Form.Item>
    </>
  );
}
