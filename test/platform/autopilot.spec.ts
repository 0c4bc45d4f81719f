import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AuthSubjects,
  AutopilotSubjects,
  type AutopilotRunView,
  CampaignSubjects,
  ConnectionSubjects,
  ContentSubjects,
  type CreateAutopilotRuleDto,
  type CreateProductDto,
  PostSubjects,
  type Role,
} from '@app/contracts';
import { type CallContext, type RpcClient, type RunningService, startService } from '@app/messaging';
import { AuthModule } from '../../apps/auth/src/auth.module.js';
import { ContentModule } from '../../apps/content/src/content.module.js';
import { statusOf } from '../support/domain-errors.js';
import { outboxToken } from '../support/outbox-mail.js';
import { pollUntil } from '../support/polling.js';
import { readyImage } from '../support/ready-image.js';
import { type PlatformHarness, startPlatform } from '../../apps/platform/test/platform-harness.js';
import { AutopilotRunner } from '../../apps/platform/src/autopilot/autopilot-runner.js';

// Autopilot against real auth (the creator's current role), content (products, copy) and platform (campaign
// slots, posts), on one in-process bus and one database, as standalone mode runs them.
let dataDir: string;
let platform: PlatformHarness;
let rpc: RpcClient;
let content: RunningService;

interface Member {
  userId: string;
  workspaceId: string;
  email: string;
}

const as = (member: Member, role: Role = 'owner'): CallContext => ({
  principal: { userId: member.userId, workspaceId: member.workspaceId, role },
  correlationId: randomUUID(),
});

async function register(label: string): Promise<Member> {
  const email = `${label}-${randomUUID()}@example.com`;
  const result = await rpc.send(
    AuthSubjects.register,
    { email, password: 'correct horse battery staple 42', name: label },
    { principal: null, correlationId: randomUUID() },
  );
  return { userId: result.user.id, workspaceId: result.workspace.id, email };
}

/** Invites the member to the owner's workspace; they verify their address and accept, from the mailed links. */
async function joinWorkspace(owner: Member, member: Member, role: Role): Promise<void> {
  const outbox = join(dataDir, 'outbox');
  await rpc.send(AuthSubjects.inviteMember, { email: member.email, role }, as(owner));
  const verification = await outboxToken(outbox, member.email, /Confirm your email/);
  await rpc.send(
    AuthSubjects.verifyEmail,
    { token: verification },
    { principal: null, correlationId: randomUUID() },
  );
  const invitation = await outboxToken(outbox, member.email, /invited you/);
  await rpc.send(AuthSubjects.acceptInvitation, { token: invitation }, as(member));
}

/** A workspace with a manual connection and a campaign posting at 09:00 and 21:00 UTC every day. */
async function workspace(label: string) {
  const owner = await register(label);
  const connection = await rpc.send(
    ConnectionSubjects.create,
    { platform: 'manual', name: `${label} stall` },
    as(owner),
  );
  const campaign = await rpc.send(
    CampaignSubjects.create,
    {
      name: `${label} launches`,
      connectionIds: [connection.id],
      schedule: {
        timezone: 'UTC',
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        times: ['09:00', '21:00'],
      },
    },
    as(owner),
  );
  return { owner, connectionId: connection.id, campaignId: campaign.id };
}

type Workspace = Awaited<ReturnType<typeof workspace>>;

function createRule(ws: Workspace, rule: Partial<CreateAutopilotRuleDto> = {}, caller = as(ws.owner)) {
  return rpc.send(
    AutopilotSubjects.create,
    { name: 'Summer', connectionIds: [ws.connectionId], campaignId: ws.campaignId, ...rule },
    caller,
  );
}

function createProduct(ws: Workspace, product: Partial<CreateProductDto> = {}) {
  return rpc.send(
    ContentSubjects.createProduct,
    { title: 'Straw hat', priceMinor: 2500, currency: 'EUR', tags: ['summer'], ...product },
    as(ws.owner),
  );
}

/** The rule's run for the product, once there is one. */
async function runFor(ws: Workspace, ruleId: string, productId: string): Promise<AutopilotRunView> {
  const runs = await pollUntil(
    () => rpc.send(AutopilotSubjects.runs, { id: ruleId }, as(ws.owner)),
    (list) => list.items.some((run) => run.productId === productId),
    `the rule's run for product ${productId}`,
    60_000,
  );
  return runs.items.find((run) => run.productId === productId) as AutopilotRunView;
}

async function postsOf(ws: Workspace, productId: string) {
  const posts = await rpc.send(PostSubjects.list, { campaignId: ws.campaignId }, as(ws.owner));
  return posts.filter((post) => post.productId === productId);
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'shopcast-autopilot-'));
  platform = await startPlatform({
    database: 'shopcast_autopilot',
    env: { SHOPCAST_DATA_DIR: dataDir },
    rpcTimeoutMs: 30_000,
    alongside: async (runtime) => {
      const auth = await startService(AuthModule.forRoot(runtime), runtime, 'auth');
      content = await startService(ContentModule.forRoot(runtime), runtime, 'content');
      return {
        app: content.app,
        close: async () => {
          await content.close();
          await auth.close();
        },
      } satisfies RunningService;
    },
  });
  rpc = platform.rpc;
}, 120_000);

afterAll(async () => {
  await platform?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

describe('autopilot rules', () => {
  it("posts a created matching product into the campaign's next free slot with generated copy", async () => {
    const ws = await workspace('match');
    const campaign = await rpc.send(CampaignSubjects.get, { id: ws.campaignId }, as(ws.owner));
    const rule = await createRule(ws, { filter: { tags: ['Summer'], minPriceMinor: 1000, currency: 'EUR' } });
    expect(rule.enabled).toBe(true);

    const product = await createProduct(ws);
    const run = await runFor(ws, rule.id, product.id);

    expect(run).toMatchObject({ outcome: 'scheduled', productTitle: 'Straw hat', reason: null });
    expect(run.scheduledAt).toBe(campaign.nextFreeSlotAt);
    const post = await rpc.send(PostSubjects.get, { id: run.postId as string }, as(ws.owner));
    expect(post).toMatchObject({ productId: product.id, campaignId: ws.campaignId, status: 'scheduled' });
    expect(post.targets[0].text).toContain('Straw hat');
    const listed = await rpc.send(AutopilotSubjects.get, { id: rule.id }, as(ws.owner));
    expect(listed.counts).toMatchObject({ matched: 1, scheduled: 1, skipped: 0 });
  });

  it('records why a product does not match, and takes it once a change makes it match', async () => {
    const ws = await workspace('nomatch');
    const rule = await createRule(ws, { filter: { minPriceMinor: 1000, minMarginPercent: 40 } });

    const cheap = await createProduct(ws, { priceMinor: 500, costMinor: 100 });
    expect(await runFor(ws, rule.id, cheap.id)).toMatchObject({
      outcome: 'not_matched',
      reason: 'its price 500 is below the minimum 1000 (minor units)',
      postId: null,
    });
    const costly = await createProduct(ws, { priceMinor: 2000, costMinor: 1500 });
    expect((await runFor(ws, rule.id, costly.id)).reason).toBe('its margin 25.0% is below 40%');
    expect(await postsOf(ws, cheap.id)).toEqual([]);

    await rpc.send(
      ContentSubjects.updateProduct,
      { id: cheap.id, patch: { priceMinor: 1500 } },
      as(ws.owner),
    );
    const taken = await pollUntil(
      () => runFor(ws, rule.id, cheap.id),
      (run) => run.outcome !== 'not_matched',
      'the run of the changed product',
    );
    expect(taken.outcome).toBe('scheduled');
    expect(await postsOf(ws, cheap.id)).toHaveLength(1);
  });

  it("posts with the product's primary image", async () => {
    const ws = await workspace('image');
    const rule = await createRule(ws, { filter: { tags: ['summer'] } });
    const product = await createProduct(ws, { tags: ['winter'] });
    expect((await runFor(ws, rule.id, product.id)).outcome).toBe('not_matched');
    const imageId = await readyImage(rpc, content, as(ws.owner), product.id);
    await rpc.send(
      ContentSubjects.updateProduct,
      { id: product.id, patch: { tags: ['summer'] } },
      as(ws.owner),
    );
    const run = await pollUntil(
      () => runFor(ws, rule.id, product.id),
      (found) => found.outcome !== 'not_matched',
      'the run of the changed product',
    );
    expect(run.outcome).toBe('scheduled');
    const post = await rpc.send(PostSubjects.get, { id: run.postId as string }, as(ws.owner));
    expect(post.targets[0].mediaIds).toEqual([imageId]);
  }, 120_000);

  it('acts once per rule and product however often the product arrives, even at the same time', async () => {
    const ws = await workspace('once');
    const rule = await createRule(ws);
    const product = await createProduct(ws);
    const first = await runFor(ws, rule.id, product.id);
    expect(first.outcome).toBe('scheduled');

    // A redelivered event or a retried job runs the same look again; so does a change to the product.
    const runner = platform.service.app.get(AutopilotRunner);
    const job = {
      ruleId: rule.id,
      workspaceId: ws.owner.workspaceId,
      productId: product.id,
      correlationId: randomUUID(),
    };
    await Promise.all([runner.run(job), runner.run(job)]);
    await rpc.send(
      ContentSubjects.updateProduct,
      { id: product.id, patch: { title: 'Straw hat, wide brim' } },
      as(ws.owner),
    );
    await runner.run(job);

    const second = await createProduct(ws, { title: 'Sun visor' });
    const racing = { ...job, productId: second.id };
    await Promise.all([runner.run(racing), runner.run(racing), runner.run(racing)]);

    expect(await postsOf(ws, product.id)).toHaveLength(1);
    expect(await postsOf(ws, second.id)).toHaveLength(1);
    expect((await runFor(ws, rule.id, product.id)).postId).toBe(first.postId);
  });

  it('leaves the posts of a rule that requires review waiting for approval', async () => {
    const ws = await workspace('review');
    const rule = await createRule(ws, { requireReview: true });
    const product = await createProduct(ws);
    const run = await runFor(ws, rule.id, product.id);

    expect(run).toMatchObject({ outcome: 'awaiting_review', scheduledAt: null });
    const post = await rpc.send(PostSubjects.get, { id: run.postId as string }, as(ws.owner));
    expect(post).toMatchObject({ requiresReview: true, status: 'needs_review', campaignId: ws.campaignId });
  });

  it('says why it skipped a product: failed copy, or a creator who may no longer post', async () => {
    const ws = await workspace('skips');
    const aiOnly = await createRule(ws, { name: 'AI only', copy: { mode: 'ai' } });
    const editor = await register('editor');
    await joinWorkspace(ws.owner, editor, 'editor');
    const editorInWorkspace = { ...editor, workspaceId: ws.owner.workspaceId };
    const editors = await createRule(ws, { name: "Editor's" }, as(editorInWorkspace, 'editor'));
    await rpc.send(AuthSubjects.updateMember, { userId: editor.userId, role: 'viewer' }, as(ws.owner));

    const product = await createProduct(ws);
    const failedCopy = await runFor(ws, aiOnly.id, product.id);
    expect(failedCopy.outcome).toBe('skipped');
    expect(failedCopy.reason).toMatch(/^copy generation failed: mode "ai" needs an AI model/);
    expect(await runFor(ws, editors.id, product.id)).toMatchObject({
      outcome: 'skipped',
      reason: "The rule's creator is a viewer now and may not post for this workspace",
    });
    expect(await postsOf(ws, product.id)).toEqual([]);
  });

  it('refuses bad rules with a 4xx, lets viewers read but not write, and keeps workspaces apart', async () => {
    const ws = await workspace('crud');
    const other = await workspace('other');
    expect(await statusOf(createRule(ws, { filter: { minPriceMinor: 900, maxPriceMinor: 100 } }))).toBe(400);
    expect(await statusOf(createRule(ws, { connectionIds: [other.connectionId] }))).toBe(400);
    expect(await statusOf(createRule(ws, { campaignId: other.campaignId }))).toBe(404);
    expect(await statusOf(createRule(ws, {}, as(ws.owner, 'viewer')))).toBe(403);

    const rule = await createRule(ws);
    const paused = await rpc.send(AutopilotSubjects.update, { id: rule.id, enabled: false }, as(ws.owner));
    expect(paused.enabled).toBe(false);
    expect(await rpc.send(AutopilotSubjects.list, {}, as(ws.owner, 'viewer'))).toHaveLength(1);
    expect(await rpc.send(AutopilotSubjects.list, {}, as(other.owner))).toEqual([]);
    expect(await statusOf(rpc.send(AutopilotSubjects.get, { id: rule.id }, as(other.owner)))).toBe(404);
    await rpc.send(AutopilotSubjects.delete, { id: rule.id }, as(ws.owner));
    expect(await rpc.send(AutopilotSubjects.list, {}, as(ws.owner))).toEqual([]);
  });
});
