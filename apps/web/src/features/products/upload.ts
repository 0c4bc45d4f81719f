import { ApiError } from '../../lib/api/api-error';
import type { Schema } from '../../lib/api/types';
import { session } from '../../lib/session';

/**
 * Uploads one photo to a product, reporting the share sent (0 to 1). fetch cannot report upload progress, so
 * this one call uses XMLHttpRequest; an expired token is renewed once, as the API client does.
 */
export async function uploadProductPhoto(
  productId: string,
  file: File,
  onProgress: (sent: number) => void,
): Promise<Schema<'MediaAssetView'>> {
  const first = await send(productId, file, onProgress);
  if (first.status !== 401) return answerOf(first);
  const token = await session.renew();
  if (!token) return answerOf(first);
  return answerOf(await send(productId, file, onProgress));
}

function send(productId: string, file: File, onProgress: (sent: number) => void): Promise<XMLHttpRequest> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/v1/products/${encodeURIComponent(productId)}/media`);
    request.responseType = 'json';
    const token = session.accessToken();
    if (token) request.setRequestHeader('authorization', `Bearer ${token}`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => resolve(request);
    request.onerror = () => reject(new TypeError('The upload could not reach Shopcast'));
    const body = new FormData();
    body.append('file', file);
    request.send(body);
  });
}

function answerOf(request: XMLHttpRequest): Schema<'MediaAssetView'> {
  if (request.status >= 200 && request.status < 300) return request.response as Schema<'MediaAssetView'>;
  throw new ApiError(request.status, request.response);
}
