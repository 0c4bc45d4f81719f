import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AuthSubjects, ContentSubjects, PlatformSubjects } from '@app/contracts';
import { ApiClient, registerUser } from '../e2e/api-client.js';
import { type DistributedSystem, startDistributed, SYSTEM_STOP_TIMEOUT } from '../e2e/system.js';

// The bus as deployed: a NATS server that lets in only Shopcast's apps, each as its own user, and lets each
// use only its own subjects (k8s/nats-authorization.conf, made from the contract's SERVICE_CALLS).
let system: DistributedSystem;
const connections: NatsConnection[] = [];

const as = async (app: 'gateway' | 'content' | 'analytics') => {
  const connection = await connect({
    servers: [system.nats.url],
    user: app,
    pass: system.nats.passwordOf(app),
  });
  connections.push(connection);
  return connection;
};

/** A request the way the apps send one (Nest's NATS envelope); answers the raw reply or the error. */
const ask = (connection: NatsConnection, subject: string, data: unknown) =>
  connection
    .request(subject, JSON.stringify({ pattern: subject, data, id: 'probe' }), { timeout: 5_000 })
    .then(
      (reply) => reply.string(),
      (error: Error) => error,
    );

beforeAll(async () => {
  system = await startDistributed();
}, 180_000);

afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.close()));
  await system?.stop();
}, SYSTEM_STOP_TIMEOUT);

describe('the bus lets in only the apps, each with its own subjects', () => {
  it('serves the API through it: every app signed in with its own user', async () => {
    const session = await registerUser(new ApiClient(system.baseUrl), 'bus');
    expect(session.token).toEqual(expect.any(String));
  });

  it('refuses a client without credentials, or with another app’s password', async () => {
    await expect(connect({ servers: [system.nats.url] })).rejects.toThrow('Authorization Violation');
    await expect(
      connect({ servers: [system.nats.url], user: 'gateway', pass: system.nats.passwordOf('content') }),
    ).rejects.toThrow('Authorization Violation');
  });

  it('lets a service send no request it does not need: content cannot ask auth or platform anything', async () => {
    const content = await as('content');
    const toAuth = await ask(content, AuthSubjects.listWorkspaces, {});
    expect(toAuth).toBeInstanceOf(Error);
    expect((toAuth as Error).message).toBe(
      `Permissions Violation for Publish to "${AuthSubjects.listWorkspaces}"`,
    );
    const toPlatform = await ask(content, PlatformSubjects.health, {});
    expect((toPlatform as Error).message).toMatch(/^Permissions Violation for Publish/);
    // The gateway may: the same health request answers.
    const gateway = await as('gateway');
    expect(await ask(gateway, PlatformSubjects.health, {})).toContain('"response"');
  });

  it("lets no service listen on another's requests or publish its events", async () => {
    const analytics = await as('analytics');
    const listening = (async () => {
      for await (const message of analytics.subscribe(`${ContentSubjects.createProduct.split('.')[0]}.>`))
        message.respond('stolen');
    })();
    await expect(listening).rejects.toThrow('Permissions Violation for Subscription to "content.>"');
    const forging = await as('analytics');
    forging.publish('events.content.product.deleted', '{}');
    const status = await (async () => {
      for await (const event of forging.status()) if (event.type === 'error') return String(event.error);
      return '';
    })();
    expect(status).toContain('Permissions Violation for Publish to "events.content.product.deleted"');
  });
});
