import { GENDERS, PATIENT_SORTS, type Gender, type PatientSort } from '@carebridge/contracts';
import type { PatientSearch } from '../../api/endpoints';

/** The list's search lives in the URL: a reload or the back button from a 360 page restores it. */
export interface PatientFilterState {
  q: string;
  gender?: Gender;
  ageMin?: number;
  ageMax?: number;
  tags: string[];
  departmentId?: string;
  chronic: string;
  healthManagerId?: string;
  vip: boolean;
  sort: PatientSort;
}

const CHRONIC = /^[A-Za-z]\d{0,2}(\.\w{0,4})?$/;

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;

function age(v: string | null): number | undefined {
  if (v === null || !/^\d{1,3}$/.test(v)) return undefined;
  const n = Number(v);
  return n <= 150 ? n : undefined;
}

export function readFilters(params: URLSearchParams): PatientFilterState {
  return {
    q: params.get('q') ?? '',
    gender: oneOf(GENDERS, params.get('gender')),
    ageMin: age(params.get('ageMin')),
    ageMax: age(params.get('ageMax')),
    tags: (params.get('tags') ?? '').split(',').filter(Boolean),
    departmentId: params.get('departmentId') ?? undefined,
    chronic: params.get('chronic') ?? '',
    healthManagerId: params.get('healthManagerId') ?? undefined,
    vip: params.get('vip') === 'true',
    sort: oneOf(PATIENT_SORTS, params.get('sort')) ?? 'name',
  };
}

export function writeFilters(f: PatientFilterState): URLSearchParams {
  const params = new URLSearchParams();
  const set = (key: string, value: string | number | undefined | false) => {
    if (value !== undefined && value !== '' && value !== false) params.set(key, String(value));
  };
  set('q', f.q);
  set('gender', f.gender);
  set('ageMin', f.ageMin);
  set('ageMax', f.ageMax);
  set('tags', f.tags.join(','));
  set('departmentId', f.departmentId);
  set('chronic', f.chronic);
  set('healthManagerId', f.healthManagerId);
  set('vip', f.vip && 'true');
  if (f.sort !== 'name') set('sort', f.sort);
  return params;
}

/** Problems that would make the server refuse the search; shown on the filter, and the search waits. */
export function filterProblems(f: PatientFilterState): { chronic: boolean; ageRange: boolean } {
  return {
    chronic: f.chronic.trim() !== '' && !CHRONIC.test(f.chronic.trim()),
    ageRange: f.ageMin !== undefined && f.ageMax !== undefined && f.ageMin > f.ageMax,
  };
}

export function toSearch(f: PatientFilterState): PatientSearch {
  return {
    q: f.q.trim() || undefined,
    gender: f.gender,
    ageMin: f.ageMin,
    ageMax: f.ageMax,
    tags: f.tags.length ? f.tags : undefined,
    departmentId: f.departmentId,
    chronic: f.chronic.trim() ? f.chronic.trim().toUpperCase() : undefined,
    healthManagerId: f.healthManagerId,
    vip: f.vip ? true : undefined,
    sort: f.sort,
    limit: 20,
  };
}
