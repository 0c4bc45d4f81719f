import { Alert } from '@mantine/core';

/** Shown by the landing page of a mailed link opened without its token (cut off by a mail program, say). */
export function MissingLinkToken() {
  return (
    <Alert color="red" role="alert">
      This link has no token. Open the link from the mail exactly as it was sent.
    </Alert>
  );
}
