import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import {
  DtoValidationPipe,
  invalidFromValidationErrors,
  type Runtime,
  VALIDATION_OPTIONS,
} from '@app/messaging';
import { createLogger, getMetrics, NestPinoLogger } from '@app/observability';
import { GatewayModule } from './gateway.module.js';
import { proxyTrust } from './http/trusted-proxy.js';
import { contentSecurityPolicy } from './web/content-security-policy.js';
import { serveWebApp } from './web/web-app.js';
import { keepRawBodiesOfMarkedRoutes } from './webhooks/raw-body.js';

const REQUEST_ID = /^[\w.:-]{1,128}$/;
const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the gateway HTTP app (not yet listening): Fastify, helmet, CORS, validation, OpenAPI, metrics. */
export async function createGatewayApp(runtime: Runtime): Promise<NestFastifyApplication> {
  const { config } = runtime;
  const logger = createLogger('gateway', config.logLevel);
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // Off unless TRUST_PROXY names the proxies: otherwise any client could pick its address by X-Forwarded-For.
    trustProxy: config.trustProxy === false ? false : proxyTrust(config.trustProxy),
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(runtime), adapter, {
    logger: new NestPinoLogger(logger),
  });
  const fastify = app.getHttpAdapter().getInstance();
  keepRawBodiesOfMarkedRoutes(fastify);
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', String(request.id));
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    getMetrics().httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  // Uploads stream to storage; per-route size limits are passed where the file is read.
  await app.register(multipart, { limits: { files: 1, fields: 10, fieldSize: 64 * 1024 } });
  await app.register(helmet, { contentSecurityPolicy: { directives: contentSecurityPolicy(config) } });
  await app.register(cookie);
  app.enableCors({ origin: config.corsOrigins.length > 0 ? config.corsOrigins : false, credentials: true });
  app.useGlobalPipes(
    new DtoValidationPipe({
      ...VALIDATION_OPTIONS,
      transform: true,
      exceptionFactory: (errors) => invalidFromValidationErrors(errors),
    }),
  );
  // The validator badge would load an image from swagger.io, which the Content-Security-Policy refuses.
  SwaggerModule.setup('docs', app, buildOpenApi(app), {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { validatorUrl: null },
  });
  const isServingWebApp = await serveWebApp(fastify, config.webDir);
  if (!isServingWebApp)
    logger.info({ webDir: config.webDir }, 'No web app build found; serving the API alone');
  return app;
}

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const document = new DocumentBuilder()
    .setTitle('Shopcast API')
    .setDescription(
      'Turn products into posts everywhere, and see what earned money. Sign in with ' +
        '`POST /api/v1/auth/login`, then send `Authorization: Bearer <accessToken>`. Scripts and ' +
        'integrations send an API key instead (`Authorization: Bearer sk_...`, from `POST /api/v1/api-keys`). ' +
        'Requests are rate limited per workspace (signed in) or per client address (anonymous): past a limit ' +
        'any route answers 429 `rate_limited` with a `Retry-After` header.',
    )
    .setVersion('1')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      description: 'An access token from sign-in (a JWT), or an API key (sk_...)',
    })
    .build();
  return SwaggerModule.createDocument(app, document);
}
