import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { TimelineType } from '@carebridge/contracts';
import { getPatient, getPatientSummary, getPatientTimeline, getResultTrend } from '../../api/endpoints';

/** Everything cached about one patient sits under ['patient', id]: one invalidation refreshes the page. */
export const patientKey = (id: string) => ['patient', id] as const;
export const PATIENT_SEARCH_KEY = ['patients'] as const;

export function usePatient(id: string) {
  return useQuery({ queryKey: patientKey(id), queryFn: () => getPatient(id) });
}

export function usePatientSummary(id: string) {
  return useQuery({ queryKey: [...patientKey(id), 'summary'], queryFn: () => getPatientSummary(id) });
}

/** The patient's timeline, newest first, one page of `limit` entries at a time. */
export function usePatientTimeline(id: string, types?: TimelineType[], limit = 50) {
  return useInfiniteQuery({
    queryKey: [...patientKey(id), 'timeline', types?.join(',') ?? 'all', limit],
    queryFn: ({ pageParam }) => getPatientTimeline(id, types, pageParam, limit),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useResultTrend(id: string, code: string | null) {
  return useQuery({
    queryKey: [...patientKey(id), 'trend', code],
    queryFn: () => getResultTrend(id, code ?? ''),
    enabled: code !== null,
  });
}
