import { Avatar, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined, StarFilled } from '@ant-design/icons';
import type { Patient, UnmaskResponse } from '@carebridge/contracts';
import { formatDate } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { TagList, VipBadge } from './patient-tags';
import { usePunctuation } from './punctuation';

/** Who the patient is: identity, how to reach them (masked unless revealed), record numbers, state. */
export function PatientHeaderCard({
  patient: p,
  revealed,
  onReveal,
  onHide,
}: {
  patient: Patient;
  revealed: UnmaskResponse | null;
  /** Absent when the user may not unmask or nothing is masked. */
  onReveal?: () => void;
  onHide: () => void;
}) {
  const { t } = useI18n();
  const none = t('common.none');
  const punct = usePunctuation();
  const fullPhone = (id: string) => revealed?.phones?.find((ph) => ph.id === id)?.number;
  const idCard = revealed?.idCard ?? p.idCardMasked;
  const mrns = p.identifiers.filter((i) => i.kind === 'mrn');
  const others = p.identifiers.filter((i) => i.kind !== 'mrn');

  const revealButton = revealed ? (
    <Button
      size="small"
      type="link"
      icon={<EyeInvisibleOutlined />}
      onClick={onHide}
      data-testid="unmask-hide"
    >
      {t('unmask.hide')}
    </Button>
  ) : (
    onReveal && (
      <Button size="small" type="link" icon={<EyeOutlined />} onClick={onReveal} data-testid="unmask-button">
        {t('unmask.show')}
      </Button>
    )
  );

  return (
    <Card data-testid="patient-header" style={{ marginBottom: 16 }}>
      <div className="cb-patient-head">
        <Avatar size={64} className="cb-avatar" style={{ fontSize: 26 }}>
          {p.name.slice(0, 1)}
        </Avatar>
        <div style={{ flex: 1, minWidth: 0 }}>
          <div className="cb-patient-name">
            <Typography.Title level={3} data-testid="patient-name">
              {p.name}
            </Typography.Title>
            <Typography.Text type="secondary">{p.namePinyin}</Typography.Text>
            <Tag>{t(`vocab.gender.${p.gender}`)}</Tag>
            {p.age !== null && <Tag>{t('patient.ageYears', { n: p.age })}</Tag>}
            {p.vip && <VipBadge />}
            {p.deceased && (
              <Tag color="default" data-testid="patient-deceased">
                {t('patient.deceasedTag')}
                {p.deceasedAt ? ` ${p.deceasedAt}` : ''}
              </Tag>
            )}
            {p.erasedAt && (
              <Tag color="red" data-testid="patient-erased">
                {t('patient.erasedTag')} {formatDate(p.erasedAt)}
              </Tag>
            )}
            {p.mergedInto && <Tag color="orange">{t('patient.mergedTag')}</Tag>}
          </div>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            style={{ marginTop: 12 }}
            items={[
              {
                key: 'phones',
                label: t('patient.phone'),
                children: (
                  <Space orientation="vertical" size={0} data-testid="patient-phones">
                    {p.phones.length === 0 && none}
                    {p.phones.map((ph) => (
                      <span key={ph.id}>
                        <span className="cb-mono" data-testid="patient-phone">
                          {fullPhone(ph.id) ?? ph.masked}
                        </span>{' '}
                        <Typography.Text type="secondary">{t(`vocab.phoneKind.${ph.kind}`)}</Typography.Text>
                        {ph.primary && (
                          <StarFilled
                            style={{ color: '#faad14', marginLeft: 4 }}
                            title={t('patient.primaryPhone')}
                          />
                        )}
                      </span>
                    ))}
                    {revealButton}
                  </Space>
                ),
              },
              {
                key: 'idCard',
                label: t('patient.idCard'),
                children: (
                  <span>
                    <span className="cb-mono" data-testid="patient-idcard">
                      {idCard ?? none}
                    </span>
                  </span>
                ),
              },
              { key: 'birthDate', label: t('patient.birthDate'), children: p.birthDate ?? none },
              {
                key: 'mrn',
                label: t('patient.mrn'),
                children: mrns.length
                  ? mrns.map((i) => i.value + punct.paren(i.system)).join(punct.list)
                  : none,
              },
              ...(others.length
                ? [
                    {
                      key: 'identifiers',
                      label: t('patient.identifiers'),
                      children: others
                        .map((i) => `${t(`vocab.identifier.${i.kind}`)} ${i.value}${punct.paren(i.system)}`)
                        .join(punct.list),
                    },
                  ]
                : []),
              {
                key: 'manager',
                label: t('patient.healthManager'),
                children: p.healthManager?.displayName ?? none,
              },
              {
                key: 'tags',
                label: t('patient.tags'),
                children: p.tags.length ? <TagList tags={p.tags} max={8} /> : none,
              },
              {
                key: 'channel',
                label: t('patient.preferredChannel'),
                children: p.preferredChannel ? t(`vocab.channel.${p.preferredChannel}`) : none,
              },
            ]}
          />
        </div>
      </div>
    </Card>
  );
}
