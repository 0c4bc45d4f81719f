// The bare baseline of the redirect bench: plain Fastify answering the same 302 (same Location, a fresh
// click id per request) from an in-memory map, with no Nest, no helmet, no click recording.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { processEnv } from '@app/config';

const env = processEnv();
const destinations = new Map([[env.BENCH_CODE ?? 'bench', env.BENCH_DESTINATION ?? 'https://shop.example/']]);
const app = Fastify();
app.get<{ Params: { code: string } }>('/l/:code', async (request, reply) => {
  const destination = destinations.get(request.params.code);
  if (!destination) return reply.code(404).send('not found');
  const url = new URL(destination);
  url.searchParams.set('sc_cid', randomUUID());
  return reply.header('cache-control', 'no-store').redirect(url.toString(), 302);
});
await app.listen({ port: Number(env.PORT ?? 0), host: '127.0.0.1' });
console.log(`listening ${(app.server.address() as { port: number }).port}`);
