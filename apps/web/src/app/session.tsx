import { createContext, useContext, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Button, Result, Spin } from 'antd';
import type { Me, Permission } from '@carebridge/contracts';
import { ApiError } from '../api/client';
import { getMe } from '../api/endpoints';
import { errorMessage } from '../api/errors';
import { useI18n } from './i18n';
import { ForbiddenPage } from './error-pages';

export const ME_QUERY_KEY = ['me'] as const;

const MeContext = createContext<Me | null>(null);

/** The signed-in user; only usable below <RequireAuth>. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside RequireAuth');
  return me;
}

/** What the menu, the routes and the buttons ask; the server enforces the same table. */
export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return (permission) => me.permissions.includes(permission);
}

export function FullPageSpin() {
  const { t } = useI18n();
  return (
    <div className="cb-fullpage">
      <Spin size="large" description={t('app.loading')} />
    </div>
  );
}

/** Layout route: loads /api/auth/me and sends anonymous visitors to the login page. */
export function RequireAuth() {
  const { t } = useI18n();
  const location = useLocation();
  const me = useQuery({ queryKey: ME_QUERY_KEY, queryFn: getMe, retry: false, staleTime: 60_000 });

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      const from = location.pathname + location.search;
      return <Navigate to="/login" replace state={{ from }} />;
    }
    return (
      <Result
        status="error"
        title={errorMessage(me.error, t)}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            {t('common.refresh')}
          </Button>
        }
      />
    );
  }
  return (
    <MeContext.Provider value={me.data}>
      <Outlet />
    </MeContext.Provider>
  );
}

/** Route guard: shows the 403 page when the user lacks the permission. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  return can(permission) ? children : <ForbiddenPage />;
}
