import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

/** Title row of a console page: what this page is, and its main actions on the right. */
export function PageHeader({
  title,
  subtitle,
  extra,
}: {
  title: string;
  subtitle?: string;
  extra?: ReactNode;
}) {
  return (
    <Flex className="cb-page-header" justify="space-between" align="flex-end" gap={16} wrap>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
      </div>
      {extra && <Flex gap={8}>{extra}</Flex>}
    </Flex>
  );
}
