import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getOverview, OVERVIEW_QUERY_KEY, startRecompute } from './segmentation-api';

/** A recompute started from this page: its job, and the computedAt it is to replace. */
interface RecomputeRun {
  jobId: string;
  previousComputedAt: string | null;
  startedAt: number;
}

/** Polling stops after this even if the job never finishes (then it failed; the jobs page says why). */
const GIVE_UP_MS = 10 * 60_000;
const POLL_MS = 2000;

/**
 * The overview, and a recompute that refreshes it. There is no job-status call for this: the overview's
 * computedAt moving on is what "done" means to the user, so the overview is polled until it does.
 */
export function useOverview() {
  const [run, setRun] = useState<RecomputeRun | null>(null);
  const overview = useQuery({
    queryKey: OVERVIEW_QUERY_KEY,
    queryFn: getOverview,
    refetchInterval: (query) => {
      if (!run || (query.state.data?.computedAt ?? null) !== run.previousComputedAt) return false;
      return Date.now() - run.startedAt < GIVE_UP_MS ? POLL_MS : false;
    },
  });
  const computedAt = overview.data?.computedAt ?? null;
  const recompute = useMutation({
    mutationFn: startRecompute,
    onSuccess: ({ jobId }) => setRun({ jobId, previousComputedAt: computedAt, startedAt: Date.now() }),
  });
  const running = run !== null && computedAt === run.previousComputedAt;
  return {
    overview,
    recompute,
    jobId: run?.jobId ?? null,
    running,
    done: run !== null && !running,
    dismiss: () => setRun(null),
  };
}
