import type { z } from 'zod';
import type {
  Segment,
  segmentCountResponse,
  segmentCreateRequest,
  SegmentFilter,
  segmentListResponse,
  segmentMembersResponse,
} from '@carebridge/contracts';
import { apiRequest } from '../../api/client';

export type { Segment };
export type SegmentDraft = z.input<typeof segmentCreateRequest>;
export type SegmentCount = z.infer<typeof segmentCountResponse>;
export type SegmentMembers = z.infer<typeof segmentMembersResponse>;
export type SegmentMember = SegmentMembers['items'][number];

export const SEGMENTS_QUERY_KEY = ['segments'] as const;

const segmentPath = (id: string, rest = '') => `/api/segments/${encodeURIComponent(id)}${rest}`;

/** How many patients the filter selects now (no patient is returned: segments.manage sees counts only). */
export const countSegment = (filter: SegmentFilter) =>
  apiRequest<SegmentCount>('POST', '/api/segments/count', { body: { filter } });

export const listSegments = () => apiRequest<z.infer<typeof segmentListResponse>>('GET', '/api/segments');
export const createSegment = (body: SegmentDraft) => apiRequest<Segment>('POST', '/api/segments', { body });
export const deleteSegment = (id: string) => apiRequest<unknown>('DELETE', segmentPath(id));

export const listSegmentMembers = (id: string, limit: number, offset: number) =>
  apiRequest<SegmentMembers>('GET', segmentPath(id, '/members'), { query: { limit, offset } });

/** The members as an .xlsx (a plain link: the session cookie goes with it; the server audits it). */
export const segmentExportUrl = (id: string) => segmentPath(id, '/export');
