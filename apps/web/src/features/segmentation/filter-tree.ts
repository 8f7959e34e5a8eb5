import type { SegmentCondition, SegmentConditionType, SegmentFilter } from '@carebridge/contracts';

/**
 * The segment builder's working copy of a filter. Unlike the wire format, every node has a stable id (React
 * keys, error placement) and NOT is a switch on the node rather than a wrapper around it.
 */
export interface GroupNode {
  id: string;
  kind: 'group';
  op: 'and' | 'or';
  negated: boolean;
  children: FilterNode[];
}
export interface ConditionNode {
  id: string;
  kind: 'condition';
  negated: boolean;
  condition: SegmentCondition;
}
export type FilterNode = GroupNode | ConditionNode;
export type ConditionOf<T extends SegmentConditionType> = Extract<SegmentCondition, { type: T }>;

let lastId = 0;
const nextId = () => `n${++lastId}`;

export const emptyGroup = (op: GroupNode['op'] = 'and'): GroupNode => ({
  id: nextId(),
  kind: 'group',
  op,
  negated: false,
  children: [],
});

export const conditionNode = (condition: SegmentCondition): ConditionNode => ({
  id: nextId(),
  kind: 'condition',
  negated: false,
  condition,
});

/** The filter to send, and where each node's own part sits in it ("filter.conditions.1.condition"). */
export interface CompiledFilter {
  filter: SegmentFilter | null;
  paths: Map<string, string>;
}

/** Builder tree → wire filter. Empty groups are left out (they select nothing to narrow by). */
export function compileFilter(root: GroupNode, base = 'filter'): CompiledFilter {
  const paths = new Map<string, string>();
  const walk = (node: FilterNode, path: string): SegmentFilter | null => {
    const own = node.negated ? `${path}.condition` : path;
    let inner: SegmentFilter | null;
    if (node.kind === 'condition') inner = node.condition;
    else {
      const kept: SegmentFilter[] = [];
      for (const child of node.children) {
        const compiled = walk(child, `${own}.conditions.${kept.length}`);
        if (compiled) kept.push(compiled);
      }
      inner = kept.length ? { type: node.op, conditions: kept } : null;
    }
    if (!inner) return null;
    paths.set(node.id, own);
    return node.negated ? { type: 'not', condition: inner } : inner;
  };
  return { filter: walk(root, base), paths };
}

/** Wire filter → builder tree (a saved segment loaded back into the builder); the root is always a group. */
export function treeFromFilter(filter: SegmentFilter): GroupNode {
  const toNode = (f: SegmentFilter): FilterNode => {
    if (f.type === 'not') {
      const inner = toNode(f.condition);
      return inner.negated
        ? { ...emptyGroup(), negated: true, children: [inner] }
        : { ...inner, negated: true };
    }
    if (f.type === 'and' || f.type === 'or')
      return { ...emptyGroup(f.type), children: f.conditions.map(toNode) };
    return conditionNode(f as SegmentCondition);
  };
  const node = toNode(filter);
  return node.kind === 'group' ? node : { ...emptyGroup(), children: [node] };
}

export function countConditions(node: FilterNode): number {
  return node.kind === 'condition' ? 1 : node.children.reduce((n, c) => n + countConditions(c), 0);
}

/** A problem the server found, placed on a node: `field` is the condition's field ("max"), if any. */
export interface NodeProblem {
  field: string | null;
  message: string;
}

/**
 * Puts each server field error on the deepest node whose path it starts with; errors on no node (the whole
 * filter: too deep, too many conditions) are returned under the root's id.
 */
export function problemsByNode(
  fields: { path: string; message: string }[],
  compiled: CompiledFilter,
  rootId: string,
): Map<string, NodeProblem[]> {
  const result = new Map<string, NodeProblem[]>();
  const entries = [...compiled.paths].sort((a, b) => b[1].length - a[1].length);
  for (const error of fields) {
    const path = error.path.replace(/^body\./, '');
    const hit = entries.find(([, p]) => path === p || path.startsWith(p + '.'));
    const id = hit?.[0] ?? rootId;
    const rest = hit && path.length > hit[1].length ? path.slice(hit[1].length + 1) : '';
    const problem = { field: rest ? (rest.split('.')[0] ?? null) : null, message: error.message };
    result.set(id, [...(result.get(id) ?? []), problem]);
  }
  return result;
}
