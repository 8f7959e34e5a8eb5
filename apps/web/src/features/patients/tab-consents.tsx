import { useState } from 'react';
import { Flex, Select, Switch, Tag, Typography } from 'antd';
import { CHANNELS, CONSENT_PURPOSES, CONSENT_SOURCES, type Patient } from '@carebridge/contracts';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { usePatchPatient } from './use-patch-patient';

type Purpose = (typeof CONSENT_PURPOSES)[number];
type Channel = (typeof CHANNELS)[number];
type Source = (typeof CONSENT_SOURCES)[number];

/**
 * 同意书: consent per purpose × channel (PIPL: specific and withdrawable), with when it was granted or
 * withdrawn. patients.write changes one cell at a time, recording where the consent came from.
 */
export function ConsentsTab({ patient, editable }: { patient: Patient; editable: boolean }) {
  const { t } = useI18n();
  const [source, setSource] = useState<Source>('counter');
  const patch = usePatchPatient(patient);
  const find = (purpose: Purpose, channel: Channel) =>
    patient.consents.find((c) => c.purpose === purpose && c.channel === channel);

  const toggle = (purpose: Purpose, channel: Channel, granted: boolean) =>
    patch.mutate({ consents: [{ purpose, channel, granted, source }] });

  return (
    <>
      {editable && (
        <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
          <Typography.Text>{t('consent.source')}</Typography.Text>
          <Select<Source>
            value={source}
            onChange={setSource}
            style={{ width: 140 }}
            options={CONSENT_SOURCES.map((s) => ({ value: s, label: t(`vocab.consentSource.${s}`) }))}
          />
          <Typography.Text type="secondary">{t('consent.hint')}</Typography.Text>
        </Flex>
      )}
      <div style={{ overflowX: 'auto' }}>
        <table className="cb-consent-grid" data-testid="consents-grid">
          <thead>
            <tr>
              <th>{t('consent.purpose')}</th>
              {CHANNELS.map((c) => (
                <th key={c}>{t(`vocab.channel.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {CONSENT_PURPOSES.map((purpose) => (
              <tr key={purpose}>
                <th>{t(`vocab.purpose.${purpose}`)}</th>
                {CHANNELS.map((channel) => {
                  const c = find(purpose, channel);
                  return (
                    <td key={channel} data-testid={`consent-${purpose}-${channel}`}>
                      <Flex vertical gap={4}>
                        <Flex align="center" gap={6}>
                          {editable && (
                            <Switch
                              size="small"
                              checked={c?.granted ?? false}
                              loading={
                                patch.isPending &&
                                patch.variables?.consents?.[0]?.purpose === purpose &&
                                patch.variables.consents[0].channel === channel
                              }
                              disabled={patch.isPending}
                              onChange={(on) => toggle(purpose, channel, on)}
                              aria-label={`${t(`vocab.purpose.${purpose}`)} ${t(`vocab.channel.${channel}`)}`}
                            />
                          )}
                          {!c ? (
                            <Typography.Text type="secondary">{t('consent.none')}</Typography.Text>
                          ) : c.granted ? (
                            <Tag color="green">{t('consent.granted')}</Tag>
                          ) : (
                            <Tag color="default">{t('consent.withdrawn')}</Tag>
                          )}
                        </Flex>
                        {c && (
                          <span className="cb-subtle">
                            {formatDateTime(c.granted ? c.grantedAt : (c.withdrawnAt ?? c.grantedAt))} ·{' '}
                            {t(`vocab.consentSource.${c.source}`)}
                          </span>
                        )}
                      </Flex>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
