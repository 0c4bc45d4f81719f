import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { queryClient } from '../lib/query-client';
import { session } from '../lib/session';
import { createAppRouter } from './router';
import { cssVariablesResolver, theme } from './theme';

// A reload keeps the person signed in: the refresh cookie is traded for an access token before any page loads.
const sessionRestored = session.renew();
const router = createAppRouter({ queryClient, sessionRestored });

// When the session ends in this tab (signed out, or revoked), the person goes to sign in, and only then is
// the cache emptied: emptying it first would make the still-mounted pages fetch again without a session.
let previousStatus = session.currentStatus();
session.subscribe(() => {
  const status = session.currentStatus();
  const hasEnded = previousStatus === 'signed-in' && status === 'signed-out';
  previousStatus = status;
  if (!hasEnded) return;
  const here = router.state.location;
  const search = here.pathname === '/' ? {} : { redirect: here.href };
  void router.navigate({ to: '/sign-in', search }).then(() => queryClient.clear());
});

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
