import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../app/i18n';

const ACK_COLOURS: Record<string, string> = { AA: 'green', AE: 'orange', AR: 'red' };

/** MSA-1 of the answer the sender got: AA accepted, AE application error, AR refused. */
export function AckTag({ code }: { code: string }) {
  const { t } = useI18n();
  const known = code === 'AA' || code === 'AE' || code === 'AR';
  const tag = <Tag color={ACK_COLOURS[code] ?? 'default'}>{code || t('common.none')}</Tag>;
  return known ? <Tooltip title={t(`inbox.ack.${code}`)}>{tag}</Tooltip> : tag;
}
