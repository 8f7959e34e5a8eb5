import type { ReactNode } from 'react';
import { Card, Checkbox, Col, Form, InputNumber, Row, Switch } from 'antd';
import { TIERS } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';
import { FreeListSelect } from './free-list-select';
import { PercentInput, YuanInput } from './money-inputs';
import {
  ABC_FIELDS,
  CHURN_FIELDS,
  CLV_FIELDS,
  LEVEL_FIELDS,
  SCORE_FIELDS,
  WINDOW_FIELDS,
  type PolicyField,
} from './policy-fields';
import { tierKey } from './value-labels';

/** What Form.Item hands its child: the field's id (for the label), value and change handler. */
interface ControlProps {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
}

function FieldInput({ field, ...control }: { field: PolicyField } & ControlProps) {
  const { t } = useI18n();
  const testId = `policy-${field.name.join('-')}`;
  switch (field.kind) {
    case 'percent':
      return <PercentInput {...control} data-testid={testId} />;
    case 'yuan':
      return <YuanInput {...control} data-testid={testId} />;
    case 'int':
    case 'decimal':
      return (
        <InputNumber<number>
          {...control}
          data-testid={testId}
          style={{ width: '100%' }}
          min={0}
          step={field.step ?? 1}
          precision={field.kind === 'int' ? 0 : undefined}
          suffix={field.unit ? t(field.unit) : undefined}
        />
      );
  }
}

/** A grid of number fields, three to a row on a wide screen. */
function FieldGrid({ fields, children }: { fields: PolicyField[]; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      {fields.map((field) => (
        <Col key={field.name.join('.')} xs={24} md={12} xl={8}>
          <Form.Item
            name={field.name}
            label={t(field.label)}
            tooltip={field.tooltip ? t(field.tooltip) : undefined}
          >
            <FieldInput field={field} />
          </Form.Item>
        </Col>
      ))}
      {children}
    </Row>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card size="small" title={title} className="cb-policy-section">
      {children}
    </Card>
  );
}

/** Every figure of the policy, section by section, in the words of the maintenance plan. */
export function PolicyFormSections() {
  const { t } = useI18n();
  const tierOptions = TIERS.map((tier) => ({ value: tier, label: t(tierKey(tier)) }));
  return (
    <>
      <Section title={t('policy.section.window')}>
        <FieldGrid fields={WINDOW_FIELDS} />
      </Section>
      <Section title={t('policy.section.abc')}>
        <FieldGrid fields={ABC_FIELDS}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item
              name={['abc', 'aProgrammeTags']}
              label={t('policy.abc.aProgrammeTags')}
              tooltip={t('policy.abc.aProgrammeTagsTip')}
            >
              <FreeListSelect placeholder={t('policy.tagsPlaceholder')} maxCount={30} />
            </Form.Item>
          </Col>
        </FieldGrid>
      </Section>
      <Section title={t('policy.section.levels')}>
        <FieldGrid fields={LEVEL_FIELDS}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item
              name={['levels', 'goldIncludesVip']}
              label={t('policy.levels.goldIncludesVip')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name={['levels', 'silverTiers']} label={t('policy.levels.silverTiers')}>
              <Checkbox.Group options={tierOptions} />
            </Form.Item>
          </Col>
        </FieldGrid>
      </Section>
      <Section title={t('policy.section.clv')}>
        <FieldGrid fields={CLV_FIELDS} />
      </Section>
      <Section title={t('policy.section.churn')}>
        <FieldGrid fields={CHURN_FIELDS} />
      </Section>
      <Section title={t('policy.section.scores')}>
        <FieldGrid fields={SCORE_FIELDS} />
      </Section>
    </>
  );
}
