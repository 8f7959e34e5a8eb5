import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { useDebouncedValue } from '../patients/use-debounced-value';
import { problemsByNode, type CompiledFilter, type NodeProblem } from './filter-tree';
import { countSegment, SEGMENTS_QUERY_KEY } from './segments-api';

/** The count waits for the tree to stop changing this long: typing "60" sends one request, not two. */
const DEBOUNCE_MS = 400;

export type LiveCountState = 'empty' | 'loading' | 'ready' | 'error';

export interface LiveCount {
  state: LiveCountState;
  count: number | null;
  milliseconds: number | null;
  error: unknown;
  /** The server's field errors, placed on the builder's nodes. */
  problems: Map<string, NodeProblem[]>;
}

const NO_PROBLEMS = new Map<string, NodeProblem[]>();

/** How many patients the builder's filter selects, refreshed as the tree changes. */
export function useLiveCount(compiled: CompiledFilter, rootId: string): LiveCount {
  const settled = useDebouncedValue(compiled, DEBOUNCE_MS);
  const body = settled.filter ? JSON.stringify(settled.filter) : null;
  const query = useQuery({
    queryKey: [...SEGMENTS_QUERY_KEY, 'count', body],
    queryFn: () => countSegment(settled.filter ?? { type: 'and', conditions: [] }),
    enabled: body !== null,
    retry: false,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  const problems = useMemo(
    () =>
      query.error instanceof ApiError ? problemsByNode(query.error.fields, settled, rootId) : NO_PROBLEMS,
    [query.error, settled, rootId],
  );

  let state: LiveCountState;
  if (compiled.filter === null) state = 'empty';
  else if (compiled !== settled || query.isFetching) state = 'loading';
  else if (query.isError) state = 'error';
  else state = 'ready';
  return {
    state,
    count: state === 'empty' || query.isError ? null : (query.data?.count ?? null),
    milliseconds: query.data?.milliseconds ?? null,
    error: query.error,
    problems: state === 'empty' ? NO_PROBLEMS : problems,
  };
}
