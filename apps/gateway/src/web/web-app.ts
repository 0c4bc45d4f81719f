import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Paths the API and its neighbours own: an unknown one is a 404, never the web app's page. */
const SERVER_PREFIXES = ['/api/', '/l/', '/media/', '/docs', '/health/', '/metrics', '/.well-known/'];
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/**
 * Serves the built web app at `/`: hashed assets cached for a year, `index.html` revalidated on every load,
 * and every other page path answered with `index.html` so the app's router can show it (SPA fallback).
 * Returns false when `webDir` holds no build, so the gateway serves the API alone.
 */
export async function serveWebApp(fastify: FastifyInstance, webDir: string): Promise<boolean> {
  if (!existsSync(join(webDir, 'index.html'))) return false;
  // preCompressed: the build writes .br and .gz copies (scripts/compress-web.mjs), sent to browsers that take them.
  await fastify.register(fastifyStatic, { root: webDir, serve: false, preCompressed: true });
  fastify.get('/', (_request, reply) => sendPage(reply));
  fastify.get('/*', (request, reply) => {
    const path = decodedPath(request);
    if (path === undefined || SERVER_PREFIXES.some((prefix) => path.startsWith(prefix))) {
      return reply.callNotFound();
    }
    const file = fileUnder(webDir, path);
    if (file) return reply.header('cache-control', cacheOf(file)).sendFile(file, { cacheControl: false });
    // A missing asset (a file name with an extension) is a 404, not a page: the browser asked for a script.
    if (extname(path) !== '') return reply.callNotFound();
    return sendPage(reply);
  });
  return true;
}

function sendPage(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', REVALIDATE).sendFile('index.html', { cacheControl: false });
}

function decodedPath(request: FastifyRequest): string | undefined {
  try {
    return decodeURIComponent(request.url.split('?')[0]);
  } catch {
    return undefined;
  }
}

/** The file a path names inside the build (relative to it), or undefined; `..` cannot leave the build. */
function fileUnder(webDir: string, path: string): string | undefined {
  const relative = normalize(path)
    .replace(/^(\.\.(\/|$))+/, '')
    .replace(/^\/+/, '');
  if (relative === '' || relative.includes('\0')) return undefined;
  const absolute = join(webDir, relative);
  if (!absolute.startsWith(webDir)) return undefined;
  try {
    return statSync(absolute).isFile() ? relative : undefined;
  } catch {
    return undefined;
  }
}

function cacheOf(file: string): string {
  return file.startsWith('assets/') ? IMMUTABLE : REVALIDATE;
}
