import { lazy, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import type { Permission } from '@carebridge/contracts';
import { LoginPage } from '../features/auth/login-page';
import { HomePage } from '../features/home/home-page';
import { NotFoundPage } from './error-pages';
import { AppLayout } from './layout';
import { RequireAuth, RequirePermission } from './session';

// Admin pages load on first visit; most staff never open them.
const UsersPage = lazy(() => import('../features/users/users-page').then((m) => ({ default: m.UsersPage })));
const ApiTokensPage = lazy(() =>
  import('../features/api-tokens/api-tokens-page').then((m) => ({ default: m.ApiTokensPage })),
);
const AuditPage = lazy(() => import('../features/audit/audit-page').then((m) => ({ default: m.AuditPage })));
const JobsPage = lazy(() => import('../features/jobs/jobs-page').then((m) => ({ default: m.JobsPage })));

const guarded = (permission: Permission, page: ReactNode) => (
  <RequirePermission permission={permission}>{page}</RequirePermission>
);

export function createAppRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    {
      element: <RequireAuth />,
      children: [
        {
          element: <AppLayout />,
          children: [
            { index: true, element: <HomePage /> },
            { path: 'admin/users', element: guarded('users.read', <UsersPage />) },
            { path: 'admin/api-tokens', element: guarded('api_tokens.manage', <ApiTokensPage />) },
            { path: 'audit', element: guarded('audit.read', <AuditPage />) },
            { path: 'admin/jobs', element: guarded('jobs.read', <JobsPage />) },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
