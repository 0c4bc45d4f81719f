import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'shopcast:is-public';

/** A route that needs no access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
