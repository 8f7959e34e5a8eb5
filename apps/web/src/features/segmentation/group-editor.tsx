import { Button, Dropdown, Flex, Select, Tooltip, type MenuProps } from 'antd';
import { DeleteOutlined, PlusOutlined, ApartmentOutlined } from '@ant-design/icons';
import { SEGMENT_FILTER_LIMITS, type SegmentConditionType } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';
import { CONDITION_CATEGORIES, conditionLabel, newCondition } from './condition-catalog';
import { ConditionRow } from './condition-row';
import { conditionNode, emptyGroup, type FilterNode, type GroupNode, type NodeProblem } from './filter-tree';

type Mode = 'all' | 'any' | 'notAll' | 'none';
const MODES: Mode[] = ['all', 'any', 'notAll', 'none'];
const modeOf = (g: GroupNode): Mode =>
  g.op === 'and' ? (g.negated ? 'notAll' : 'all') : g.negated ? 'none' : 'any';
const fromMode = (mode: Mode) =>
  ({
    op: mode === 'all' || mode === 'notAll' ? 'and' : 'or',
    negated: mode === 'notAll' || mode === 'none',
  }) as const;

/** Groups nest this deep at most: the schema's depth, less room for NOTs around them. */
const MAX_GROUP_DEPTH = SEGMENT_FILTER_LIMITS.depth - 2;

interface GroupEditorProps {
  node: GroupNode;
  depth: number;
  problems: Map<string, NodeProblem[]>;
  /** The whole tree already holds as many conditions as a filter may. */
  full: boolean;
  onChange: (next: GroupNode) => void;
  onRemove?: () => void;
}

/** An AND / OR group (either may be negated) of conditions and further groups. */
export function GroupEditor({ node, depth, problems, full, onChange, onRemove }: GroupEditorProps) {
  const { t } = useI18n();
  const setChild = (next: FilterNode) =>
    onChange({ ...node, children: node.children.map((c) => (c.id === next.id ? next : c)) });
  const removeChild = (id: string) =>
    onChange({ ...node, children: node.children.filter((c) => c.id !== id) });
  const add = (child: FilterNode) => onChange({ ...node, children: [...node.children, child] });

  const menu: MenuProps = {
    items: CONDITION_CATEGORIES.map((category) => ({
      type: 'group' as const,
      key: category.label,
      label: t(category.label),
      children: category.types.map((type) => ({ key: type, label: t(conditionLabel(type)) })),
    })),
    onClick: ({ key }) => add(conditionNode(newCondition(key as SegmentConditionType))),
  };
  const joiner = t(node.op === 'and' ? 'segments.and' : 'segments.or');
  const groupProblems = problems.get(node.id) ?? [];

  return (
    <div
      className={depth === 0 ? 'cb-seg-group cb-seg-root' : 'cb-seg-group'}
      data-testid={depth === 0 ? 'seg-root' : 'seg-group'}
    >
      <Flex justify="space-between" align="center" gap={8} className="cb-seg-group-head">
        <Select<Mode>
          value={modeOf(node)}
          onChange={(mode) => onChange({ ...node, ...fromMode(mode) })}
          options={MODES.map((m) => ({ value: m, label: t(`segments.mode.${m}`) }))}
          style={{ minWidth: 220 }}
          data-testid="seg-group-mode"
        />
        {onRemove && (
          <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove}>
            {t('segments.removeGroup')}
          </Button>
        )}
      </Flex>
      {groupProblems.length > 0 && (
        <ul className="cb-cond-errors" data-testid="seg-group-error">
          {groupProblems.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}
      <div className="cb-seg-children">
        {node.children.length === 0 && <div className="cb-seg-empty">{t('segments.emptyGroup')}</div>}
        {node.children.map((child, i) => (
          <div key={child.id}>
            {i > 0 && <div className="cb-seg-joiner">{joiner}</div>}
            {child.kind === 'group' ? (
              <GroupEditor
                node={child}
                depth={depth + 1}
                problems={problems}
                full={full}
                onChange={setChild}
                onRemove={() => removeChild(child.id)}
              />
            ) : (
              <ConditionRow
                node={child}
                problems={problems.get(child.id) ?? []}
                onChange={setChild}
                onRemove={() => removeChild(child.id)}
              />
            )}
          </div>
        ))}
      </div>
      <Flex gap={8} className="cb-seg-group-foot">
        <Dropdown menu={menu} trigger={['click']} disabled={full}>
          <Button icon={<PlusOutlined />} data-testid="seg-add-condition">
            {t('segments.addCondition')}
          </Button>
        </Dropdown>
        <Tooltip title={t('segments.addGroupTip')}>
          <Button
            icon={<ApartmentOutlined />}
            disabled={full || depth + 1 >= MAX_GROUP_DEPTH}
            onClick={() => add(emptyGroup(node.op === 'and' ? 'or' : 'and'))}
            data-testid="seg-add-group"
          >
            {t('segments.addGroup')}
          </Button>
        </Tooltip>
      </Flex>
    </div>
  );
}
