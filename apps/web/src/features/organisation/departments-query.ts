import { useQuery } from '@tanstack/react-query';
import type { Department } from '@carebridge/contracts';
import { listDepartments } from '../../api/endpoints';

export const DEPARTMENTS_QUERY_KEY = ['departments'] as const;

/** Every department of the hospital (a few hundred at most): loaded once, shared by filters and forms. */
export function useDepartments() {
  return useQuery({ queryKey: DEPARTMENTS_QUERY_KEY, queryFn: listDepartments, staleTime: 5 * 60_000 });
}

export interface DepartmentNode extends Department {
  children?: DepartmentNode[];
}

/** Parent links → a tree, siblings by sort order then code; orphans (parent not visible) become roots. */
export function departmentTree(items: readonly Department[]): DepartmentNode[] {
  const nodes = new Map<string, DepartmentNode>(items.map((d) => [d.id, { ...d }]));
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  const sort = (list: DepartmentNode[]) => {
    list.sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
    for (const n of list) if (n.children) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** The department and everything below it: a department cannot be moved under one of these. */
export function subtreeIds(items: readonly Department[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of items)
      if (d.parentId && ids.has(d.parentId) && !ids.has(d.id)) {
        ids.add(d.id);
        grew = true;
      }
  }
  return ids;
}
