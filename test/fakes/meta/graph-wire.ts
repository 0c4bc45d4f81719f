import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** One Graph API error, as graph-api/guides/error-handling documents it. */
export interface GraphFailure {
  status: number;
  message: string;
  type?: string;
  code: number;
  subcode?: number;
  userTitle?: string;
  userMsg?: string;
  isTransient?: boolean;
}

/** `{"error":{message,type,code,error_subcode,error_user_title,error_user_msg,is_transient,fbtrace_id}}`. */
export function graphErrorBody(failure: GraphFailure): unknown {
  return {
    error: {
      message: failure.message,
      type: failure.type ?? 'OAuthException',
      code: failure.code,
      ...(failure.subcode === undefined ? {} : { error_subcode: failure.subcode }),
      ...(failure.isTransient === undefined ? {} : { is_transient: failure.isTransient }),
      ...(failure.userTitle ? { error_user_title: failure.userTitle } : {}),
      ...(failure.userMsg ? { error_user_msg: failure.userMsg } : {}),
      fbtrace_id: randomBytes(8).toString('base64url'),
    },
  };
}

/** Real messages of the failures the fake produces ([obs]/[doc]; [mem] where noted). */
export const Failures = {
  noToken: (): GraphFailure => ({
    status: 400,
    code: 2500,
    message: 'An active access token must be used to query information about the current user.',
  }),
  badToken: (): GraphFailure => ({
    status: 400,
    code: 190,
    message: 'Invalid OAuth access token - Cannot parse access token',
  }),
  expiredToken: (): GraphFailure => ({
    status: 400,
    code: 190,
    subcode: 463,
    message: `Error validating access token: Session has expired on ${new Date().toUTCString()}.`,
  }),
  revokedToken: (): GraphFailure => ({
    status: 400,
    code: 190,
    subcode: 460,
    message:
      'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
  }),
  missingParam: (name: string): GraphFailure => ({
    status: 400,
    code: 100,
    message: `(#100) The parameter ${name} is required`,
  }),
  invalidParam: (message: string): GraphFailure => ({ status: 400, code: 100, message: `(#100) ${message}` }),
  unknownObject: (id: string, method: string): GraphFailure => ({
    status: 400,
    type: 'GraphMethodException',
    code: 100,
    subcode: 33,
    message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
  }),
  unknownField: (field: string, node: string): GraphFailure => ({
    status: 400,
    code: 100,
    message: `(#100) Tried accessing nonexisting field (${field}) on node type (${node})`,
  }),
  pagePermission: (): GraphFailure => ({
    status: 403,
    code: 200,
    message:
      '(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission',
  }),
  permission: (scope: string): GraphFailure => ({
    status: 403,
    code: 10,
    message: `(#10) Application does not have permission for this action (${scope})`,
  }),
  duplicate: (): GraphFailure => ({ status: 400, code: 506, message: '(#506) Duplicate status message' }),
  appLimit: (): GraphFailure => ({
    status: 400,
    code: 4,
    isTransient: true,
    message: '(#4) Application request limit reached',
  }),
  mediaNotReady: (): GraphFailure => ({
    status: 400,
    code: 9007,
    subcode: 2207027,
    isTransient: false,
    message: 'Media ID is not available',
    userTitle: 'Media not ready for publishing',
    userMsg: 'The media is not ready for publishing, please wait for a moment',
  }),
  /** [mem] the code of the daily limit; the subcode is the documented one. */
  dailyLimit: (total: number): GraphFailure => ({
    status: 400,
    code: 9,
    subcode: 2207042,
    isTransient: false,
    message: 'Application request limit reached',
    userTitle: 'Reached maximum number of posts',
    userMsg: `You have reached the maximum of ${total} published posts for the day`,
  }),
  /** [mem] code/subcode of a media URL that could not be fetched. */
  mediaFetch: (url: string): GraphFailure => ({
    status: 400,
    code: 9004,
    subcode: 2207052,
    message: 'Only photo or video can be accepted as media type.',
    userTitle: 'Media download has failed.',
    userMsg: `The media could not be fetched from this uri: ${url}`,
  }),
  /** [mem] the code Instagram gives a non-JPEG image_url. */
  notJpeg: (): GraphFailure => ({
    status: 400,
    code: 36001,
    message: 'Invalid image format',
    userTitle: 'Unsupported image format',
    userMsg: 'The image format is not supported. Supported formats are: JPEG',
  }),
  notImage: (): GraphFailure => ({ status: 400, code: 324, message: '(#324) Requires upload file' }),
  notVideo: (): GraphFailure => ({
    status: 400,
    code: 352,
    message: "(#352) Sorry, the video file you selected is in a format that we don't support.",
  }),
} as const;

export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Query, then a form or JSON body, as the Graph API merges them. */
export function paramsOf(url: URL, request: IncomingMessage, raw: Buffer): Record<string, string> {
  const params: Record<string, string> = Object.fromEntries(url.searchParams);
  const type = String(request.headers['content-type'] ?? '');
  if (raw.length === 0) return params;
  if (type.startsWith('application/x-www-form-urlencoded'))
    Object.assign(params, Object.fromEntries(new URLSearchParams(raw.toString('utf8'))));
  else if (type.startsWith('application/json')) {
    try {
      const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      for (const [key, value] of Object.entries(body))
        params[key] = typeof value === 'string' ? value : JSON.stringify(value);
    } catch {
      // The caller sees a missing parameter.
    }
  }
  return params;
}

/** `access_token` in the query or body, or `Authorization: Bearer|OAuth <token>`. */
export function tokenOf(request: IncomingMessage, params: Record<string, string>): string | undefined {
  const header = /^(?:Bearer|OAuth) (.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
  return header ?? params.access_token;
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  response.end(JSON.stringify(body));
}

/** The type of a fetched media file, from its first bytes. */
export function sniff(bytes: Buffer): 'jpeg' | 'png' | 'gif' | 'webp' | 'video' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) return 'png';
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'gif';
  if (bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (bytes.subarray(4, 8).toString('latin1') === 'ftyp') return 'video';
  return undefined;
}

/** Fetches a media URL as Meta's crawler does; undefined when it cannot be read. */
export async function fetchMedia(url: string): Promise<Buffer | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) return undefined;
    return Buffer.from(await response.arrayBuffer());
  } catch {
    return undefined;
  }
}
