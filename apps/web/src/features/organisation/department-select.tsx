import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useI18n } from '../../app/i18n';
import { departmentTree, useDepartments, type DepartmentNode } from './departments-query';

interface TreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children?: TreeOption[];
}

function toOptions(nodes: DepartmentNode[], lang: 'zh' | 'en', disabled?: Set<string>): TreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: lang === 'en' && n.nameEn ? n.nameEn : n.name,
    disabled: disabled?.has(n.id),
    children: n.children ? toOptions(n.children, lang, disabled) : undefined,
  }));
}

/** Pick one department from the tree (search by name); a form control (value/onChange) or a filter. */
export function DepartmentSelect({
  value,
  onChange,
  placeholder,
  disabledIds,
  style,
  testId,
}: {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  disabledIds?: Set<string>;
  style?: React.CSSProperties;
  testId?: string;
}) {
  const { lang } = useI18n();
  const departments = useDepartments();
  const treeData = useMemo(
    () => toOptions(departmentTree(departments.data?.items ?? []), lang, disabledIds),
    [departments.data, lang, disabledIds],
  );
  return (
    <TreeSelect
      data-testid={testId}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      treeData={treeData}
      loading={departments.isLoading}
      placeholder={placeholder}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}
