import { Tag } from 'antd';
import { CrownFilled } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';

export function VipBadge() {
  const { t } = useI18n();
  return (
    <Tag color="gold" icon={<CrownFilled />} data-testid="vip-badge">
      {t('patient.vip')}
    </Tag>
  );
}

/** The patient's labels; at most `max` shown, the rest counted. */
export function TagList({ tags, max = 4 }: { tags: string[]; max?: number }) {
  const shown = tags.slice(0, max);
  return (
    <>
      {shown.map((tag) => (
        <Tag key={tag} color="cyan">
          {tag}
        </Tag>
      ))}
      {tags.length > max && <Tag>+{tags.length - max}</Tag>}
    </>
  );
}
