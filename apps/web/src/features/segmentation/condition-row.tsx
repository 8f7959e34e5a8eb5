import { Button, Checkbox, Flex, Tag, Tooltip } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import { conditionLabel } from './condition-catalog';
import { ConditionFields } from './condition-fields';
import type { ConditionNode, NodeProblem } from './filter-tree';

/** One condition of the builder: its type, "exclude" (NOT), its values and what the server said is wrong. */
export function ConditionRow({
  node,
  problems,
  onChange,
  onRemove,
}: {
  node: ConditionNode;
  problems: NodeProblem[];
  onChange: (next: ConditionNode) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const bad = problems.length > 0;
  const invalid = (field: string) => problems.some((p) => p.field === field);
  return (
    <div
      className={bad ? 'cb-cond cb-cond-invalid' : 'cb-cond'}
      data-testid="seg-condition"
      data-type={node.condition.type}
      data-invalid={bad}
    >
      <Flex wrap gap={8} align="center">
        <Tag color={node.negated ? 'red' : 'cyan'} className="cb-cond-type">
          {node.negated && `${t('segments.exclude')} · `}
          {t(conditionLabel(node.condition.type))}
        </Tag>
        <ConditionFields
          condition={node.condition}
          onChange={(condition) => onChange({ ...node, condition })}
          invalid={invalid}
        />
        <span className="cb-cond-tail">
          <Checkbox
            checked={node.negated}
            onChange={(e) => onChange({ ...node, negated: e.target.checked })}
            data-testid="seg-condition-not"
          >
            {t('segments.exclude')}
          </Checkbox>
          <Tooltip title={t('segments.removeCondition')}>
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              onClick={onRemove}
              aria-label={t('segments.removeCondition')}
              data-testid="seg-condition-remove"
            />
          </Tooltip>
        </span>
      </Flex>
      {bad && (
        <ul className="cb-cond-errors" data-testid="seg-condition-error">
          {problems.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
