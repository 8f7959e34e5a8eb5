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
const PatientsPage = lazy(() =>
  import('../features/patients/patients-page').then((m) => ({ default: m.PatientsPage })),
);
const Patient360Page = lazy(() =>
  import('../features/patients/patient-360-page').then((m) => ({ default: m.Patient360Page })),
);
const DepartmentsPage = lazy(() =>
  import('../features/organisation/departments-page').then((m) => ({ default: m.DepartmentsPage })),
);
const PractitionersPage = lazy(() =>
  import('../features/organisation/practitioners-page').then((m) => ({ default: m.PractitionersPage })),
);
const DuplicatesPage = lazy(() =>
  import('../features/mpi/duplicates-page').then((m) => ({ default: m.DuplicatesPage })),
);
const InboxPage = lazy(() =>
  import('../features/interop/inbox-page').then((m) => ({ default: m.InboxPage })),
);
const ImportsPage = lazy(() =>
  import('../features/imports/imports-page').then((m) => ({ default: m.ImportsPage })),
);
const SegmentationOverviewPage = lazy(() =>
  import('../features/segmentation/overview-page').then((m) => ({ default: m.SegmentationOverviewPage })),
);
const SegmentationPolicyPage = lazy(() =>
  import('../features/segmentation/policy-page').then((m) => ({ default: m.SegmentationPolicyPage })),
);
const SegmentsPage = lazy(() =>
  import('../features/segmentation/segments-page').then((m) => ({ default: m.SegmentsPage })),
);
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
            { path: 'patients', element: guarded('patients.read', <PatientsPage />) },
            { path: 'patients/:id', element: guarded('patients.read', <Patient360Page />) },
            { path: 'admin/departments', element: guarded('organisation.read', <DepartmentsPage />) },
            { path: 'admin/practitioners', element: guarded('organisation.read', <PractitionersPage />) },
            { path: 'mpi/reviews', element: guarded('mpi.review', <DuplicatesPage />) },
            { path: 'interop/inbox', element: guarded('interop.manage', <InboxPage />) },
            { path: 'imports', element: guarded('interop.import', <ImportsPage />) },
            {
              path: 'segmentation/overview',
              element: guarded('segmentation.read', <SegmentationOverviewPage />),
            },
            {
              path: 'segmentation/policy',
              element: guarded('segmentation.read', <SegmentationPolicyPage />),
            },
            { path: 'segments', element: guarded('segments.manage', <SegmentsPage />) },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
