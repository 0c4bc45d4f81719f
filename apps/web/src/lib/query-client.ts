import { MutationCache, QueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { ApiError, messageOf } from './api/api-error';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** The form or page shows this mutation's error itself: no toast. */
      showsOwnError?: boolean;
      /** A toast after success. */
      successMessage?: string;
    };
  }
}

/** Server state for the whole app: client errors are not retried, and a failed action says why in a toast. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (failureCount, error) => !(error instanceof ApiError && error.status < 500) && failureCount < 2,
    },
  },
  mutationCache: new MutationCache({
    onError: (error, _variables, _context, mutation) => {
      if (mutation.meta?.showsOwnError) return;
      notifications.show({ color: 'red', title: 'That did not work', message: messageOf(error) });
    },
    onSuccess: (_data, _variables, _context, mutation) => {
      const message = mutation.meta?.successMessage;
      if (message) notifications.show({ color: 'teal', message });
    },
  }),
});
