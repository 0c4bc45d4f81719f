import createClient, { type Middleware } from 'openapi-fetch';
import { session } from '../session';
import type { paths } from './schema';

/** Requests that clone their body so a 401 can be retried once with a renewed token. */
const retryable = new Map<string, Request>();

const AUTH_PATHS = /\/api\/v1\/auth\/(login|register|refresh|logout)$/;

/**
 * Adds the in-memory access token to every request; a 401 renews the session once (the refresh token is in an
 * HttpOnly cookie) and repeats the request, or signs the person out when the session is gone.
 */
const authentication: Middleware = {
  onRequest({ request, id }) {
    const token = session.accessToken();
    if (token && !AUTH_PATHS.test(new URL(request.url).pathname)) {
      request.headers.set('authorization', `Bearer ${token}`);
      retryable.set(id, request.clone());
    }
    return request;
  },
  async onResponse({ response, id }) {
    const original = retryable.get(id);
    retryable.delete(id);
    if (response.status !== 401 || !original) return response;
    const token = await session.renew();
    if (!token) return response;
    original.headers.set('authorization', `Bearer ${token}`);
    return fetch(original);
  },
  onError({ id }) {
    retryable.delete(id);
  },
};

/** The typed client of the Shopcast API: paths, parameters and bodies are checked against the OpenAPI document. */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(authentication);
