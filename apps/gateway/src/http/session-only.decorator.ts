import { SetMetadata } from '@nestjs/common';

export const IS_SESSION_ONLY = 'shopcast:is-session-only';

/**
 * A route for a signed-in person only: an API key is refused (403) even with the role for it. For what acts on
 * the account or hands out access (switching workspace, members, API keys): a leaked key must not be able to
 * grant itself a way in that outlives its revocation.
 */
export const SessionOnly = () => SetMetadata(IS_SESSION_ONLY, true);
