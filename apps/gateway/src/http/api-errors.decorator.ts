import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorBodyView } from './error-body.dto.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `details.fields` names each bad field',
  401: 'Missing, invalid or expired credentials',
  403: 'Your role in this workspace does not allow it',
  404: 'Not found (or not in your workspace)',
  409: 'Conflicts with existing data',
  429: 'Too many requests; see the Retry-After header',
  503: 'A service is unavailable',
  504: 'A service did not answer in time',
};

/** Documents the error responses a route can give, all with the ErrorBodyView shape. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...[...statuses, 503, 504].map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ErrorBodyView }),
    ),
  );
}
