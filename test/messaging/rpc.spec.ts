import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type ClientProxy, MessagePattern, Payload } from '@nestjs/microservices';
import { IsInt, IsString, Length, Min } from 'class-validator';
import { ConflictError, DomainError, NotFoundError, type Principal, type RpcEnvelope } from '@app/contracts';
import {
  type CallContext,
  EnvelopePipe,
  MAX_BUS_PAYLOAD_BYTES,
  MessagingModule,
  RpcClient,
  TRANSPORT_CLIENT,
} from '@app/messaging';
import { testConfig } from '../support/test-config.js';
import { type RpcFixture, runTag, sendUntyped, startRpcFixture, TRANSPORTS } from './bus-fixtures.js';

// Test-only subjects under a per-run prefix: parallel runs on the shared NATS never answer each other.
const RUN = runTag();
const subject = (name: string) => `test${RUN}.rpc.${name}`;
const TIMEOUT_MS = 500;

class CreateWidgetDto {
  @IsString()
  @Length(1, 50)
  name!: string;

  @IsInt()
  @Min(1)
  quantity!: number;
}

/** Releases requests parked by the slow handler, so no handler outlives the suite. */
const parkedRequests: Array<() => void> = [];

@Controller()
class TestHandlers {
  @MessagePattern(subject('echo'))
  async echo(@Payload(new EnvelopePipe()) envelope: RpcEnvelope<Record<string, unknown>>) {
    return {
      received: envelope.data,
      receivedTypes: Object.fromEntries(
        Object.entries(envelope.data).map(([key, value]) => [key, typeof value]),
      ),
      repliedAt: new Date('2026-01-02T03:04:05.000Z'),
      omitted: undefined,
      nested: { kept: [1, 'two', null], dropped: undefined },
    };
  }

  @MessagePattern(subject('whoami'))
  async whoami(@Payload(new EnvelopePipe()) envelope: RpcEnvelope<unknown>) {
    return { principal: envelope.principal, correlationId: envelope.correlationId };
  }

  @MessagePattern(subject('not-found'))
  async notFound(): Promise<never> {
    throw new NotFoundError('Widget');
  }

  @MessagePattern(subject('conflict'))
  async conflict(): Promise<never> {
    throw new ConflictError('A widget with this SKU already exists', { field: 'sku', existingId: 'w-1' });
  }

  @MessagePattern(subject('crash'))
  async crash(): Promise<never> {
    throw new Error('relation "widgets" does not exist at /srv/app/widgets.repository.ts:42');
  }

  @MessagePattern(subject('slow'))
  async slow(): Promise<{ isLate: boolean }> {
    await new Promise<void>((resolve) => parkedRequests.push(resolve));
    return { isLate: true };
  }

  @MessagePattern(subject('measure'))
  async measure(@Payload(new EnvelopePipe()) envelope: RpcEnvelope<{ blob: string }>) {
    return { length: envelope.data.blob.length };
  }

  @MessagePattern(subject('oversized-reply'))
  async oversizedReply() {
    return { blob: 'x'.repeat(MAX_BUS_PAYLOAD_BYTES) };
  }

  @MessagePattern(subject('create'))
  async create(@Payload(new EnvelopePipe(CreateWidgetDto)) envelope: RpcEnvelope<CreateWidgetDto>) {
    return { created: envelope.data.name };
  }
}

@Module({ controllers: [TestHandlers] })
class TestRpcModule {}

const principal: Principal = { userId: randomUUID(), workspaceId: randomUUID(), role: 'editor' };
const context = (): CallContext => ({ principal, correlationId: randomUUID() });

describe.each(TRANSPORTS)('request/reply over the %s transport', (transport) => {
  let fixture: RpcFixture;
  const call = (name: string, data: unknown = {}, ctx: CallContext = context(), timeoutMs = TIMEOUT_MS) =>
    sendUntyped(fixture.rpc(timeoutMs), subject(name), data, ctx);

  beforeAll(async () => {
    fixture = await startRpcFixture(transport, TestRpcModule);
  });

  afterAll(async () => {
    parkedRequests.splice(0).forEach((release) => release());
    await fixture?.close();
  });

  it('serialises payloads as JSON both ways: dates become strings, undefined fields vanish', async () => {
    const reply = await call('echo', {
      sentAt: new Date('2026-05-06T07:08:09.000Z'),
      count: 3,
      gone: undefined,
    });

    expect(reply).toStrictEqual({
      received: { sentAt: '2026-05-06T07:08:09.000Z', count: 3 },
      receivedTypes: { sentAt: 'string', count: 'number' },
      repliedAt: '2026-01-02T03:04:05.000Z',
      nested: { kept: [1, 'two', null] },
    });
  });

  it("hands the envelope's principal and correlation id to the handler", async () => {
    const ctx = context();
    await expect(call('whoami', {}, ctx)).resolves.toStrictEqual({
      principal,
      correlationId: ctx.correlationId,
    });
    const anonymous = { principal: null, correlationId: randomUUID() };
    await expect(call('whoami', {}, anonymous)).resolves.toStrictEqual(anonymous);
  });

  it('delivers a domain error to the caller as the same DomainError', async () => {
    const notFound = await call('not-found').catch((error: unknown) => error);
    expect(notFound).toBeInstanceOf(DomainError);
    expect(notFound).toMatchObject({ code: 'not_found', status: 404, message: 'Widget not found' });
    expect((notFound as DomainError).details).toBeUndefined();

    const conflict = await call('conflict').catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(DomainError);
    expect((conflict as DomainError).toBody()).toStrictEqual({
      code: 'conflict',
      status: 409,
      message: 'A widget with this SKU already exists',
      details: { field: 'sku', existingId: 'w-1' },
    });
  });

  it('turns an unexpected error into a 500 "Internal error" that carries none of its internals', async () => {
    const error = await call('crash').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).toBody()).toStrictEqual({
      code: 'internal',
      status: 500,
      message: 'Internal error',
    });
    expect(
      JSON.stringify({ ...(error as DomainError), message: (error as DomainError).message }),
    ).not.toMatch(/widgets|srv|repository/);
  });

  it('fails fast with 503 when nobody serves the subject', async () => {
    const patientTimeoutMs = 10_000;
    const startedAt = performance.now();
    const error = await call('nobody-serves-this', {}, context(), patientTimeoutMs).catch((e: unknown) => e);
    const elapsedMs = performance.now() - startedAt;

    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'unavailable', status: 503 });
    expect(elapsedMs).toBeLessThan(patientTimeoutMs / 2);
  });

  it('fails with 504 when the handler does not answer before the deadline', async () => {
    const error = await call('slow').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'timeout', status: 504 });
    // The late reply must not disturb later requests on the same client.
    parkedRequests.splice(0).forEach((release) => release());
    await expect(call('whoami')).resolves.toMatchObject({ principal });
  });

  it('carries a large payload under the bus limit, and refuses one over it with 413', async () => {
    const large = 'y'.repeat(MAX_BUS_PAYLOAD_BYTES / 2);
    await expect(call('measure', { blob: large })).resolves.toStrictEqual({ length: large.length });

    const error = await call('measure', { blob: 'y'.repeat(MAX_BUS_PAYLOAD_BYTES) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'payload_too_large', status: 413 });
  });

  it('answers 500 at once, not at the deadline, when the reply is over the bus limit', async () => {
    const error = await call('oversized-reply', {}, context(), 10_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).toBody()).toStrictEqual({
      code: 'internal',
      status: 500,
      message: 'Internal error',
    });
  });

  it('validates the request data: an unknown field is a 400 naming the field', async () => {
    await expect(call('create', { name: 'Bolt', quantity: 2 })).resolves.toStrictEqual({ created: 'Bolt' });

    const error = await call('create', { name: 'Bolt', quantity: 2, price: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'invalid', status: 400 });
    expect((error as DomainError).details).toStrictEqual({
      fields: [{ field: 'price', messages: ['property price should not exist'] }],
    });

    const invalid = await call('create', { name: '', quantity: 0 }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ code: 'invalid', status: 400 });
    const fields = ((invalid as DomainError).details?.fields ?? []) as Array<{ field: string }>;
    expect(fields.map((field) => field.field).sort()).toEqual(['name', 'quantity']);
  });
});

describe('MessagingModule request client', () => {
  it('disconnects from NATS when the app closes', async () => {
    const app = await NestFactory.createApplicationContext(
      MessagingModule.forGateway({ config: testConfig() }),
      {
        logger: false,
      },
    );
    const transport = app.get<ClientProxy>(TRANSPORT_CLIENT);
    await expect(sendUntyped(app.get(RpcClient), subject('nobody'), {}, context())).rejects.toMatchObject({
      status: 503,
    });
    expect(() => transport.unwrap()).not.toThrow();

    await app.close();

    expect(() => transport.unwrap()).toThrow('Not initialized');
  });
});
