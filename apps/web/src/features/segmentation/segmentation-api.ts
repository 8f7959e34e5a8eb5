import type { z } from 'zod';
import type {
  overviewResponse,
  patientValueResponse,
  policiesResponse,
  policyPreviewResponse,
  policyPutRequest,
  policyPutResponse,
  recomputeResponse,
  SegmentationPolicy,
  tierHistoryResponse,
} from '@carebridge/contracts';
import { apiRequest } from '../../api/client';

export type { SegmentationPolicy };
export type Overview = z.infer<typeof overviewResponse>;
export type Policies = z.infer<typeof policiesResponse>;
export type PolicyVersion = Policies['history'][number];
export type PolicyPreview = z.infer<typeof policyPreviewResponse>;
export type PolicyMovement = PolicyPreview['tiers'][number];
export type PatientValue = z.infer<typeof patientValueResponse>;
export type TierChange = z.infer<typeof tierHistoryResponse>['items'][number];

/** Everything cached about tiers and the policy: a recompute or a new policy refreshes all of it. */
export const SEGMENTATION_QUERY_KEY = ['segmentation'] as const;
export const OVERVIEW_QUERY_KEY = [...SEGMENTATION_QUERY_KEY, 'overview'] as const;
export const POLICIES_QUERY_KEY = [...SEGMENTATION_QUERY_KEY, 'policies'] as const;
export const patientValueKey = (patientId: string) => ['patient', patientId, 'value'] as const;

export const getOverview = () => apiRequest<Overview>('GET', '/api/segmentation/overview');

/** Queues a recompute of every patient's tier, level and scores; the overview changes when it is done. */
export const startRecompute = () =>
  apiRequest<z.infer<typeof recomputeResponse>>('POST', '/api/segmentation/recompute');

export const getPolicies = () => apiRequest<Policies>('GET', '/api/segmentation/policies');

/** Saves a new version; refused with 409 when `baseVersion` is no longer the current one. */
export const savePolicy = (body: z.input<typeof policyPutRequest>) =>
  apiRequest<z.infer<typeof policyPutResponse>>('PUT', '/api/segmentation/policies', { body });

/** What the policy would change, on the metrics of the last recompute; nothing is written. */
export const previewPolicy = (policy: SegmentationPolicy) =>
  apiRequest<PolicyPreview>('POST', '/api/segmentation/policies/preview', { body: { policy } });

const patientPath = (id: string, rest: string) => `/api/patients/${encodeURIComponent(id)}${rest}`;

export const getPatientValue = (patientId: string) =>
  apiRequest<PatientValue>('GET', patientPath(patientId, '/value'));
export const getTierHistory = (patientId: string) =>
  apiRequest<z.infer<typeof tierHistoryResponse>>('GET', patientPath(patientId, '/tier-history'));
