import type { ReactNode } from 'react';
import {
  AuditOutlined,
  FileTextOutlined,
  KeyOutlined,
  ScheduleOutlined,
  TeamOutlined,
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

/** The admin part of the side menu (and the home page's quick links); each entry appears only with its permission. */
export const ADMIN_NAV: NavEntry[] = [
  { path: '/admin/users', label: 'nav.users', icon: <TeamOutlined />, permission: 'users.read' },
  {
    path: '/admin/api-tokens',
    label: 'nav.apiTokens',
    icon: <KeyOutlined />,
    permission: 'api_tokens.manage',
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
