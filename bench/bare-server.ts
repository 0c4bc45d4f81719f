// The bare baseline: plain Fastify + a pg Pool, no Nest, no bus. It verifies the Bearer JWT (ES256, issuer,
// audience, kid lookup) as the gateway does and reads the product by id and workspace, so the comparison
// with Shopcast measures the architecture's overhead, not skipped work. Run as a child process by baseline.ts.
import { createPublicKey, type KeyObject } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import pg from 'pg';
import { processEnv } from '@app/config';

/** pg's default pool size, which TypeORM keeps unless configured otherwise. */
const POOL_SIZE = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PRODUCT_QUERY =
  'SELECT id, title, description, price_minor, currency, cost_minor, commission_rate, category, tags, ' +
  'destination_url, external_id, status, created_at, updated_at ' +
  'FROM content.products WHERE id = $1 AND workspace_id = $2';

interface ProductRow {
  id: string;
  title: string;
  description: string | null;
  price_minor: number | null;
  currency: string | null;
  cost_minor: number | null;
  commission_rate: string | null;
  category: string | null;
  tags: string[];
  destination_url: string | null;
  external_id: string | null;
  status: string;
  created_at: Date;
  updated_at: Date;
}

function toView(row: ProductRow) {
  const margin =
    row.price_minor !== null && row.cost_minor !== null ? row.price_minor - row.cost_minor : null;
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    priceMinor: row.price_minor,
    currency: row.currency,
    costMinor: row.cost_minor,
    marginMinor: margin,
    commissionRate: row.commission_rate === null ? null : Number(row.commission_rate),
    category: row.category,
    tags: row.tags,
    destinationUrl: row.destination_url,
    externalId: row.external_id,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

interface Verifier {
  keys: Map<string, KeyObject>;
  issuer: string;
  audience: string;
}

async function workspaceOf(request: FastifyRequest, verifier: Verifier): Promise<string | undefined> {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return undefined;
  const token = header.slice('Bearer '.length);
  try {
    const key = verifier.keys.get(decodeProtectedHeader(token).kid ?? '');
    if (!key) return undefined;
    const { issuer, audience } = verifier;
    const { payload } = await jwtVerify(token, key, { algorithms: ['ES256'], issuer, audience });
    return typeof payload.sub === 'string' && typeof payload.wid === 'string' ? payload.wid : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const env = processEnv();
  const pool = new pg.Pool({ connectionString: env.BENCH_DATABASE_URL, max: POOL_SIZE });
  const verifier: Verifier = {
    keys: new Map([[env.BENCH_JWT_KID ?? '', createPublicKey(env.BENCH_JWT_PUBLIC_KEY ?? '')]]),
    issuer: env.BENCH_JWT_ISSUER ?? '',
    audience: env.BENCH_JWT_AUDIENCE ?? '',
  };
  const app = Fastify({ logger: false });

  app.get(
    '/api/v1/products/:id',
    async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const workspaceId = await workspaceOf(request, verifier);
      if (!workspaceId) return reply.code(401).send({ code: 'unauthorized' });
      if (!UUID.test(request.params.id)) return reply.code(400).send({ code: 'invalid' });
      const { rows } = await pool.query<ProductRow>(PRODUCT_QUERY, [request.params.id, workspaceId]);
      if (rows.length === 0) return reply.code(404).send({ code: 'not_found' });
      return toView(rows[0]);
    },
  );

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
  );
  process.once('SIGTERM', () => {
    void app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0));
  });
}

await main();
