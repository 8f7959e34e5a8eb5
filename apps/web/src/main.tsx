import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { setUnauthorizedHandler } from './api/client';
import { AppProviders } from './app/providers';
import { createAppRouter } from './app/router';
import './app/styles.css';

const router = createAppRouter();

// A lost session (expired, logged out elsewhere) lands on the login page without a full reload.
setUnauthorizedHandler(() => {
  const { pathname, search } = router.state.location;
  if (pathname !== '/login')
    void router.navigate('/login', { replace: true, state: { from: pathname + search } });
});

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
