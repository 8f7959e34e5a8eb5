import { Flex, Tag } from 'antd';
import type { ImportCounts } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';

/** The counts in the order staff read them, each with its colour; zeros are left out unless asked. */
const COUNT_TAGS: { key: keyof ImportCounts; color: string }[] = [
  { key: 'read', color: 'default' },
  { key: 'created', color: 'green' },
  { key: 'updated', color: 'blue' },
  { key: 'unchanged', color: 'default' },
  { key: 'merged', color: 'purple' },
  { key: 'queued', color: 'orange' },
  { key: 'rejected', color: 'red' },
];

/** What a message or a file did to the records: 新建 2 · 拒绝 1 … */
export function ImportCountTags({
  counts,
  showZeros = false,
  testId,
}: {
  counts: ImportCounts;
  showZeros?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const shown = COUNT_TAGS.filter(({ key }) => showZeros || counts[key] > 0);
  return (
    <Flex wrap gap={4} data-testid={testId}>
      {shown.length === 0
        ? t('common.none')
        : shown.map(({ key, color }) => (
            <Tag key={key} color={color} data-testid={testId && `${testId}-${key}`}>
              {t(`interop.count.${key}`)} {counts[key].toLocaleString('en-US')}
            </Tag>
          ))}
    </Flex>
  );
}
