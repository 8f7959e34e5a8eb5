import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  FileTextOutlined,
  KeyOutlined,
  MedicineBoxOutlined,
  PieChartOutlined,
  ScheduleOutlined,
  SlidersOutlined,
  SolutionOutlined,
  TeamOutlined,
  UsergroupDeleteOutlined,
} from '@ant-design/icons';
import type { Permission } from '@carebridge/contracts';
import type { MessageKey } from './messages';

export interface NavEntry {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  permission: Permission;
  external?: boolean;
}

/** The daily-work part of the side menu, shown above the admin group (first entry: the patient list). */
export const WORK_NAV: NavEntry[] = [
  { path: '/patients', label: 'nav.patients', icon: <SolutionOutlined />, permission: 'patients.read' },
  {
    path: '/segmentation/overview',
    label: 'nav.segmentation',
    icon: <PieChartOutlined />,
    permission: 'segmentation.read',
  },
  { path: '/segments', label: 'nav.segments', icon: <ClusterOutlined />, permission: 'segments.manage' },
  {
    path: '/segmentation/policy',
    label: 'nav.segmentationPolicy',
    icon: <SlidersOutlined />,
    permission: 'segmentation.read',
  },
  {
    path: '/mpi/reviews',
    label: 'nav.mpiReviews',
    icon: <UsergroupDeleteOutlined />,
    permission: 'mpi.review',
  },
  { path: '/interop/inbox', label: 'nav.interopInbox', icon: <ApiOutlined />, permission: 'interop.manage' },
  { path: '/imports', label: 'nav.imports', icon: <CloudUploadOutlined />, permission: 'interop.import' },
];

/** The admin part of the side menu (and the home page's quick links); each entry appears only with its permission. */
export const ADMIN_NAV: NavEntry[] = [
  { path: '/admin/users', label: 'nav.users', icon: <TeamOutlined />, permission: 'users.read' },
  {
    path: '/admin/api-tokens',
    label: 'nav.apiTokens',
    icon: <KeyOutlined />,
    permission: 'api_tokens.manage',
  },
  {
    path: '/admin/departments',
    label: 'nav.departments',
    icon: <ApartmentOutlined />,
    permission: 'organisation.manage',
  },
  {
    path: '/admin/practitioners',
    label: 'nav.practitioners',
    icon: <MedicineBoxOutlined />,
    permission: 'organisation.manage',
  },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/admin/jobs', label: 'nav.jobs', icon: <ScheduleOutlined />, permission: 'jobs.read' },
  {
    path: '/api/docs',
    label: 'nav.apiDocs',
    icon: <FileTextOutlined />,
    permission: 'users.manage',
    external: true,
  },
];
