export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A tiny HTTP client for the public API; bodies are parsed as JSON when they are JSON. */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('json') && text.length > 0;
    return {
      status: response.status,
      body: (isJson ? JSON.parse(text) : text) as T,
      headers: response.headers,
    };
  }

  get<T = Record<string, unknown>>(path: string, token?: string) {
    return this.request<T>('GET', path, { token });
  }
  post<T = Record<string, unknown>>(path: string, body: unknown, token?: string) {
    return this.request<T>('POST', path, { body, token });
  }
  patch<T = Record<string, unknown>>(path: string, body: unknown, token?: string) {
    return this.request<T>('PATCH', path, { body, token });
  }
  delete<T = Record<string, unknown>>(path: string, token?: string) {
    return this.request<T>('DELETE', path, { token });
  }
}

/** The cookies a response set, as a `Cookie` header sends them back (what a browser would keep). */
export function cookiesOf(response: { headers: Headers }): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

let counter = 0;
/** A unique email per call, so suites can share a database. */
export function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${counter}@example.com`;
}

export const STRONG_PASSWORD = 'correct horse battery staple 42';

/** A signed-in user of the e2e suites, in the workspace registration made for them. */
export interface Session {
  email: string;
  token: string;
  workspaceId: string;
}

/** Registers a new user through the API; throws unless it answers 201. */
export async function registerUser(api: ApiClient, label: string): Promise<Session> {
  const email = uniqueEmail(label);
  const response = await api.post<{ accessToken: string; workspace: { id: string } }>(
    '/api/v1/auth/register',
    { email, password: STRONG_PASSWORD, name: label },
  );
  if (response.status !== 201)
    throw new Error(`registering ${label} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return { email, token: response.body.accessToken, workspaceId: response.body.workspace.id };
}

/** A member added to `owner`'s workspace, signed in to it: their session there, refresh token and user id. */
export interface Member extends Session {
  userId: string;
  refreshToken: string;
}
