import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ConnectionSubjects,
  PostSubjects,
  type Role,
  type WebhookDeliveryView,
  WebhookSubjects,
} from '@app/contracts';
import type { CallContext, RequestContext, RpcClient } from '@app/messaging';
import { TokenCipher } from '@app/security';
import { WebhookReceiver } from '../../../../test/fakes/webhook-receiver/webhook-receiver.js';
import { testConfig } from '../../../../test/support/test-config.js';
import { statusOf } from '../../../../test/support/domain-errors.js';
import { pollUntil } from '../../../../test/support/polling.js';
import { callAs, type PlatformHarness, startPlatform } from '../../test/platform-harness.js';
import { MAX_DELIVERY_ATTEMPTS, WebhookSender } from './webhook-sender.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';

let platform: PlatformHarness;
let rpc: RpcClient;
const receiver = new WebhookReceiver();
const workspaceId = randomUUID();

const as = (role: Role = 'owner', workspace = workspaceId): CallContext => callAs(role, workspace);

beforeAll(async () => {
  platform = await startPlatform({
    database: 'shopcast_webhooks',
    env: { SHOPCAST_ALLOW_PRIVATE_URLS: 'true', WEBHOOK_RETRY_BASE_SEC: '1' },
  });
  rpc = platform.rpc;
  await receiver.start();
}, 60_000);

afterAll(async () => {
  await receiver.stop();
  await platform?.close();
}, 60_000);

describe('outbound webhooks', () => {
  it('delivers the workspace own events signed, logs each attempt and retries a refusal with backoff', async () => {
    const created = await rpc.send(
      WebhookSubjects.create,
      { url: receiver.url, events: ['platform.post.scheduled'] },
      as('editor'),
    );
    expect(created.signingSecret).toMatch(/^whsec_/);
    const listed = await rpc.send(WebhookSubjects.list, {}, as('viewer'));
    expect(listed).toEqual([
      {
        id: created.id,
        url: receiver.url,
        events: ['platform.post.scheduled'],
        createdAt: created.createdAt,
      },
    ]);
    const stored = await platform.service.app.get(WebhooksRepository).findOne(workspaceId, created.id);
    expect(stored?.signingSecretEnc).not.toContain(created.signingSecret);

    // Another workspace's post and an unsubscribed event must not reach this webhook.
    const otherWorkspace = randomUUID();
    const theirs = await rpc.send(
      ConnectionSubjects.create,
      { platform: 'manual', name: 'Theirs' },
      as('owner', otherWorkspace),
    );
    const theirPost = await rpc.send(
      PostSubjects.create,
      {
        targets: [{ connectionId: theirs.id, text: 'Not yours' }],
        scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
      as('owner', otherWorkspace),
    );

    // The receiver has no secret yet: it answers 401, and the delivery is retried.
    const manual = await rpc.send(ConnectionSubjects.create, { platform: 'manual', name: 'Shop' }, as());
    const post = await rpc.send(
      PostSubjects.create,
      {
        targets: [{ connectionId: manual.id, text: 'Lamp' }],
        scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
      as(),
    );
    const firstTry = await pollUntil(
      () => rpc.send(WebhookSubjects.deliveries, { id: created.id }, as('viewer')),
      (rows) => rows.length >= 1,
      'first attempt',
    );
    expect(firstTry[0]).toMatchObject({
      event: 'platform.post.scheduled',
      attempt: 1,
      status: 'retrying',
      responseStatus: 401,
    });
    const retryIn =
      new Date(firstTry[0].nextRetryAt as string).getTime() - new Date(firstTry[0].attemptedAt).getTime();
    expect(retryIn).toBeGreaterThanOrEqual(900);
    expect(retryIn).toBeLessThan(3_000);

    receiver.useSecret(created.signingSecret);
    const rows = await pollUntil(
      () => rpc.send(WebhookSubjects.deliveries, { id: created.id }, as()),
      (found: WebhookDeliveryView[]) => found.some((row) => row.status === 'delivered'),
      'delivery after retry',
    );
    const delivered = rows.find((row) => row.status === 'delivered');
    expect(delivered).toMatchObject({ attempt: 2, responseStatus: 200, error: null, nextRetryAt: null });
    expect(delivered?.eventId).toBe(firstTry[0].eventId);
    expect(receiver.accepted).toHaveLength(1);
    expect(receiver.accepted[0]).toMatchObject({
      id: firstTry[0].eventId,
      payload: { type: 'platform.post.scheduled', data: { postId: post.id } },
    });
    expect(JSON.stringify(receiver.accepted)).not.toContain(theirPost.id);
    expect(rows.every((row) => row.event === 'platform.post.scheduled')).toBe(true);
  }, 60_000);

  it('refuses bad input, private URLs, viewers and other workspaces', async () => {
    expect(
      await statusOf(
        rpc.send(WebhookSubjects.create, { url: receiver.url, events: ['platform.nope'] } as never, as()),
      ),
    ).toBe(400);
    expect(
      await statusOf(
        rpc.send(
          WebhookSubjects.create,
          { url: 'ftp://example.com', events: ['platform.post.failed'] },
          as(),
        ),
      ),
    ).toBe(400);
    expect(
      await statusOf(
        rpc.send(
          WebhookSubjects.create,
          { url: receiver.url, events: ['platform.post.failed'] },
          as('viewer'),
        ),
      ),
    ).toBe(403);

    const strict = new WebhooksService(
      platform.service.app.get(WebhooksRepository),
      platform.service.app.get(TokenCipher),
      testConfig(),
    );
    const strictCaller: RequestContext = {
      principal: { userId: randomUUID(), workspaceId: randomUUID(), role: 'owner' },
      correlationId: randomUUID(),
    };
    for (const url of [
      'http://127.0.0.1:9/hook',
      'http://10.0.0.8/hook',
      'http://[::1]/hook',
      'http://localhost/hook',
    ]) {
      expect(await statusOf(strict.create(strictCaller, { url, events: ['platform.post.failed'] }))).toBe(
        400,
      );
    }
    expect(await strict.list(strictCaller)).toEqual([]);

    // Another secret than the receiver's: every attempt is refused with 401.
    const refused = await rpc.send(
      WebhookSubjects.create,
      { url: receiver.url, events: ['platform.post.failed'] },
      as(),
    );
    const sender = platform.service.app.get(WebhookSender);
    const event = {
      id: randomUUID(),
      subject: 'platform.post.failed',
      occurredAt: new Date().toISOString(),
      data: {},
    };
    await sender.deliver({ webhookId: refused.id, workspaceId, attempt: 3, event });
    await sender.deliver({ webhookId: refused.id, workspaceId, attempt: MAX_DELIVERY_ATTEMPTS, event });
    const [last, third] = await rpc.send(WebhookSubjects.deliveries, { id: refused.id }, as());
    expect(last).toMatchObject({
      attempt: MAX_DELIVERY_ATTEMPTS,
      status: 'failed',
      responseStatus: 401,
      nextRetryAt: null,
    });
    expect(third).toMatchObject({ attempt: 3, status: 'retrying' });
    const backoff = new Date(third.nextRetryAt as string).getTime() - new Date(third.attemptedAt).getTime();
    expect(backoff).toBeGreaterThanOrEqual(3_900);
    expect(backoff).toBeLessThan(6_000);

    const mine = await rpc.send(
      WebhookSubjects.create,
      { url: receiver.url, events: ['platform.post.failed'] },
      as(),
    );
    const stranger = as('owner', randomUUID());
    expect(await statusOf(rpc.send(WebhookSubjects.deliveries, { id: mine.id }, stranger))).toBe(404);
    expect(await statusOf(rpc.send(WebhookSubjects.delete, { id: mine.id }, stranger))).toBe(404);
    expect(await rpc.send(WebhookSubjects.list, {}, stranger)).toEqual([]);
    expect(await statusOf(rpc.send(WebhookSubjects.delete, { id: mine.id }, as('viewer')))).toBe(403);
    expect(await rpc.send(WebhookSubjects.delete, { id: mine.id }, as())).toEqual({});
    expect((await rpc.send(WebhookSubjects.list, {}, as())).map((hook) => hook.id)).not.toContain(mine.id);
  }, 60_000);
});
