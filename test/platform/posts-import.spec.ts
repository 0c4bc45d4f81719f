import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CampaignSubjects,
  ConnectionSubjects,
  type ConnectionView,
  ContentSubjects,
  CopySubjects,
  MediaSubjects,
  PostImportSubjects,
  type PostImportReportView,
  PostSubjects,
  type PostView,
  type Role,
} from '@app/contracts';
import { type CallContext, type RpcClient, type RunningService, startService } from '@app/messaging';
import { BLOB_STORE, type BlobStore, importSourceKeyOf } from '@app/storage';
import { ContentModule } from '../../apps/content/src/content.module.js';
import { callAs, type PlatformHarness, startPlatform } from '../../apps/platform/test/platform-harness.js';
import { FakeXServer } from '../fakes/x/fake-x-server.js';
import { plainJpeg } from '../fixtures/images.js';
import { domainErrorOf } from '../support/domain-errors.js';
import { pollUntil } from '../support/polling.js';
import { connectFakeX, fakeXEnv } from '../support/x-connection.js';

// Posts imports against the real content service (products, media, copy) on one in-process bus.
let dataDir: string;
let platform: PlatformHarness;
let rpc: RpcClient;
let x: FakeXServer;
let images: Server;
let imageUrl: string;
const workspaceId: string = randomUUID();
const as = (role: Role = 'owner', workspace = workspaceId): CallContext => callAs(role, workspace);

/** Two days ahead, as YYYY-MM-DD: far enough that nothing imported here is due while the suite runs. */
const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

let notes: ConnectionView;
let window: ConnectionView;
let xAccount: ConnectionView;

/** Stores `content` where the gateway puts import files, starts the import, and waits for its report. */
async function runImport(
  content: string,
  options: { format?: 'csv' | 'json'; dryRun?: boolean; role?: Role; workspace?: string } = {},
): Promise<PostImportReportView> {
  const workspace = options.workspace ?? workspaceId;
  const blobs = platform.service.app.get<BlobStore>(BLOB_STORE);
  const sourceKey = importSourceKeyOf(workspace, randomUUID());
  await blobs.put(sourceKey, Buffer.from(content));
  const started = await rpc.send(
    PostImportSubjects.start,
    { sourceKey, format: options.format ?? 'csv', dryRun: options.dryRun },
    as(options.role, workspace),
  );
  if (started.status !== 'running') return started;
  return pollUntil(
    () => rpc.send(PostImportSubjects.get, { id: started.id }, as('viewer', workspace)),
    (report) => report.status !== 'running',
    'the import to finish',
    90_000,
  );
}

const postsOf = async (workspace = workspaceId): Promise<PostView[]> =>
  rpc.send(PostSubjects.list, { limit: 100 }, as('viewer', workspace));

const rejectedLines = (report: PostImportReportView) => report.rejectedRows.map((row) => row.line);
const reasonAt = (report: PostImportReportView, line: number) =>
  report.rejectedRows.find((row) => row.line === line)?.reason ?? '';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'shopcast-posts-import-'));
  x = new FakeXServer({ clientId: 'shopcast-test', clientSecret: 'fake-secret' });
  const xUrl = await x.start();
  const photo = await plainJpeg(800, 600, 5);
  images = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
  });
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
  imageUrl = `http://127.0.0.1:${(images.address() as AddressInfo).port}/mug.jpg`;
  let content: RunningService | undefined;
  platform = await startPlatform({
    database: 'shopcast_posts_import',
    env: {
      SHOPCAST_DATA_DIR: dataDir,
      SHOPCAST_ALLOW_PRIVATE_URLS: 'true',
      // Files of up to 2 MB run within the request unless they fetch media or generate copy.
      IMPORT_INLINE_MAX_BYTES: String(2 * 1024 * 1024),
      ...fakeXEnv(xUrl, 'shopcast-test', 'fake-secret'),
    },
    rpcTimeoutMs: 60_000,
    alongside: async (runtime) => {
      content = await startService(ContentModule.forRoot(runtime), runtime, 'content');
      return content;
    },
  });
  rpc = platform.rpc;
  for (const [title, externalId] of [
    ['Blue mug', 'MUG-1'],
    ['Stone bowl', 'BOWL-1'],
    ['Old lamp', 'OLD-1'],
  ]) {
    await rpc.send(ContentSubjects.createProduct, { title, externalId, description: `A ${title}` }, as());
  }
  const [old] = await rpc.send(ContentSubjects.findProducts, { externalIds: ['OLD-1'] }, as());
  await rpc.send(ContentSubjects.updateProduct, { id: old.id, patch: { status: 'archived' } }, as());
  notes = await rpc.send(ConnectionSubjects.create, { platform: 'manual', name: 'Shop notes' }, as());
  window = await rpc.send(ConnectionSubjects.create, { platform: 'manual', name: 'Window display' }, as());
  xAccount = await connectFakeX(rpc, () => as());
}, 120_000);

afterAll(async () => {
  images?.close();
  await x?.stop();
  await platform?.close();
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

describe('posts import', () => {
  const file = () =>
    [
      'product,connections,text,scheduledAt,timezone,variant',
      `MUG-1,Shop notes|Window display,Mug of the day,${day}T09:00:00+02:00,,A`,
      `BOWL-1,${notes.id},"Stone bowl,\non two lines",${day} 10:30,Asia/Tokyo,`,
      `NOPE-9,Shop notes,Who?,${day}T11:00:00Z,,`,
      `MUG-1,Nobody,Hi,${day}T11:00:00Z,,`,
      `MUG-1,Shop notes,,${day}T11:00:00Z,,`,
      'MUG-1,Shop notes,Late,2020-01-01T09:00:00Z,,',
      `MUG-1,Shop notes,No zone,${day} 09:00,,`,
      `MUG-1,${xAccount.name},${'x'.repeat(300)},${day}T12:00:00Z,,`,
      `OLD-1,Shop notes,Old,${day}T12:00:00Z,,`,
      `MUG-1,Shop notes|Window display,Mug of the day,${day}T09:00:00+02:00,,A`,
      'MUG-1,Shop notes,Spring,2026-03-29 02:30,Europe/Paris,',
      `MUG-1,Shop notes,Far,${day}T09:00:00+02:00,,${'v'.repeat(51)}`,
      '',
    ].join('\n');

  it('checks every row on a dry run, reports bad rows by line with their reason, and creates nothing', async () => {
    const report = await runImport(file(), { dryRun: true });
    expect(report).toMatchObject({
      status: 'completed',
      dryRun: true,
      processedRows: 12,
      valid: 2,
      created: 0,
      rejected: 10,
      createdPosts: [],
      error: null,
    });
    // The bowl's text spans lines 3 and 4, so the rows after it start one line later.
    expect(rejectedLines(report)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(reasonAt(report, 5)).toBe('product "NOPE-9" was not found by id or SKU');
    expect(reasonAt(report, 6)).toBe('connection "Nobody" was not found by id or name');
    expect(reasonAt(report, 7)).toMatch(/^text is missing/);
    expect(reasonAt(report, 8)).toMatch(/has already passed/);
    expect(reasonAt(report, 9)).toMatch(/has no time zone/);
    expect(reasonAt(report, 10)).toMatch(new RegExp(`^${xAccount.name} \\(x\\): .*280`));
    expect(reasonAt(report, 11)).toBe('product "Old lamp" is archived');
    expect(reasonAt(report, 12)).toBe('the same post as line 2');
    expect(reasonAt(report, 13)).toMatch(/does not exist in Europe\/Paris/);
    expect(reasonAt(report, 14)).toMatch(/^variant is 51 characters; at most 50/);
    expect(await postsOf()).toEqual([]);
  }, 60_000);

  it('creates the good rows with their times, accounts and variant, and reports the same bad rows', async () => {
    const report = await runImport(file());
    expect(report).toMatchObject({ status: 'completed', dryRun: false, valid: 2, created: 2, rejected: 10 });
    expect(rejectedLines(report)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(report.createdPosts.map((created) => created.line)).toEqual([2, 3]);
    const posts = await postsOf();
    const mug = posts.find((post) => post.id === report.createdPosts[0].postId);
    const bowl = posts.find((post) => post.id === report.createdPosts[1].postId);
    expect(mug?.scheduledAt).toBe(`${day}T07:00:00.000Z`);
    expect(mug?.targets.map((target) => target.connectionId).sort()).toEqual([notes.id, window.id].sort());
    expect(mug?.targets.every((target) => target.status === 'scheduled' && target.variant === 'A')).toBe(
      true,
    );
    expect(mug?.targets[0].dueAt).toBe(`${day}T07:00:00.000Z`);
    expect(bowl?.scheduledAt).toBe(`${day}T01:30:00.000Z`);
    expect(bowl?.targets).toEqual([
      expect.objectContaining({ connectionId: notes.id, text: 'Stone bowl,\non two lines', variant: null }),
    ]);
  }, 60_000);

  it('does not schedule a post twice when the same file is imported again', async () => {
    const before = (await postsOf()).length;
    const report = await runImport(file());
    expect(report).toMatchObject({ valid: 0, created: 0, rejected: 12 });
    expect(reasonAt(report, 2)).toMatch(/^the same post is already scheduled at this time \(post /);
    expect(reasonAt(report, 3)).toMatch(/^the same post is already scheduled/);
    expect((await postsOf()).length).toBe(before);
  }, 60_000);

  it('plans next-slot rows at the times the account limits allow, and campaign rows in the campaign slots', async () => {
    const paced = await rpc.send(ConnectionSubjects.create, { platform: 'manual', name: 'Paced' }, as());
    await rpc.send(
      ConnectionSubjects.update,
      { id: paced.id, patch: { limits: { minGapSec: 3600, jitterSec: 0 } } },
      as(),
    );
    const slotted = await rpc.send(ConnectionSubjects.create, { platform: 'manual', name: 'Slotted' }, as());
    const campaign = await rpc.send(
      CampaignSubjects.create,
      {
        name: 'Spring mugs',
        connectionIds: [slotted.id],
        schedule: {
          timezone: 'UTC',
          days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
          times: ['09:00', '18:00'],
        },
      },
      as(),
    );
    const startedAt = Date.now();
    const report = await runImport(
      [
        'product,connections,text,scheduledAt,campaign',
        'MUG-1,Paced,First,next-slot,',
        'MUG-1,Paced,Second,next-slot,',
        'BOWL-1,Paced,Third,Next slot,',
        'MUG-1,Slotted,In the campaign,next-slot,Spring mugs',
        'BOWL-1,Slotted,Also in it,next-slot,spring mugs',
        'BOWL-1,Shop notes,Not in it,next-slot,Spring mugs',
      ].join('\n'),
    );
    expect(report).toMatchObject({ created: 5, rejected: 1 });
    expect(reasonAt(report, 7)).toMatch(/is not one of the campaign "Spring mugs"/);
    const scheduled = new Map((await postsOf()).map((post) => [post.id, post.scheduledAt as string]));
    const times = report.createdPosts.map((created) =>
      new Date(scheduled.get(created.postId) as string).getTime(),
    );
    expect(times[0]).toBeGreaterThan(startedAt);
    expect(times[1] - times[0]).toBe(3600_000);
    expect(times[2] - times[1]).toBe(3600_000);
    // The campaign's first two slots after the import started: 09:00 and 18:00 UTC, every day.
    const today = new Date(startedAt);
    const slots = [0, 1, 2]
      .flatMap((offset) =>
        [9, 18].map((hour) =>
          Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + offset, hour),
        ),
      )
      .filter((slot) => slot > startedAt);
    expect([times[3], times[4]]).toEqual(slots.slice(0, 2));
    const after = await rpc.send(CampaignSubjects.get, { id: campaign.id }, as());
    expect(after.nextFreeSlotAt).toBe(new Date(slots[2]).toISOString());
  }, 60_000);

  it('reads JSON with lists, generates copy per platform in rotating variants, and adds media URLs to the product', async () => {
    const rows = [0, 1].map((n) => ({
      product: 'BOWL-1',
      connections: ['Shop notes', xAccount.name],
      text: 'generate',
      scheduledAt: `${day}T1${n}:00:00Z`,
      media: [imageUrl],
    }));
    const [bowl] = await rpc.send(ContentSubjects.findProducts, { externalIds: ['BOWL-1'] }, as());
    const dryRun = await runImport(JSON.stringify(rows, null, 2), { format: 'json', dryRun: true });
    expect(dryRun).toMatchObject({ status: 'completed', valid: 2, created: 0, rejected: 0 });
    // A dry run asks content for nothing that writes: no image fetched, no copy written.
    expect(await rpc.send(MediaSubjects.listForProduct, { productId: bowl.id }, as())).toEqual([]);
    expect((await rpc.send(CopySubjects.listForProduct, { id: bowl.id }, as())).items).toEqual([]);

    const report = await runImport(JSON.stringify(rows, null, 2), { format: 'json' });
    expect(report).toMatchObject({ status: 'completed', created: 2, rejected: 0 });
    const posts = await postsOf();
    const created = report.createdPosts.map(
      ({ postId }) => posts.find((post) => post.id === postId) as PostView,
    );
    const xTexts = created.map((post) => post.targets.find((target) => target.platform === 'x')?.text ?? '');
    expect(xTexts.every((text) => text.length > 0)).toBe(true);
    expect(xTexts[0]).not.toBe(xTexts[1]);
    const mediaIds = created.flatMap((post) => post.targets.flatMap((target) => target.mediaIds));
    expect(new Set(mediaIds).size).toBe(1);
    // Each account gets the image in its platform's preset: the master for a manual post, 16:9 for X.
    const mediaOf = (platform: string) =>
      created[0].targets.find((target) => target.platform === platform)?.media;
    expect(mediaOf('manual')).toEqual([expect.objectContaining({ kind: 'image', width: 800, height: 600 })]);
    expect(mediaOf('x')).toEqual([expect.objectContaining({ kind: 'image', width: 1200, height: 675 })]);
  }, 120_000);

  it('refuses a file without a required column or with too many rows as a whole, and a viewer outright', async () => {
    const missing = await domainErrorOf(runImport('product,text,scheduledAt\nMUG-1,Hi,next-slot\n'));
    expect(missing.status).toBe(400);
    expect(missing.message).toBe(
      'The file has no "connections" column; see the columns a posts import reads',
    );
    const row = `MUG-1,Shop notes,Hi,${day}T09:00:00Z\n`;
    const tooMany = await domainErrorOf(
      runImport(`product,connections,text,scheduledAt\n${row.repeat(10_001)}`, { dryRun: true }),
    );
    expect(tooMany.status).toBe(413);
    expect(tooMany.message).toMatch(/more than 10,000 rows/);
    expect((await domainErrorOf(runImport(file(), { role: 'viewer' }))).status).toBe(403);
  }, 60_000);

  it('sends imported posts to review when the workspace requires it', async () => {
    const reviewed: string = randomUUID();
    await rpc.send(PostSubjects.updateSettings, { requireReview: true }, as('owner', reviewed));
    await rpc.send(
      ContentSubjects.createProduct,
      { title: 'Tea towel', externalId: 'TOWEL-1' },
      as('owner', reviewed),
    );
    await rpc.send(ConnectionSubjects.create, { platform: 'manual', name: 'Desk' }, as('owner', reviewed));
    const report = await runImport(
      `product,connections,text,scheduledAt\nTOWEL-1,Desk,Towels,${day}T09:00:00Z\n`,
      {
        workspace: reviewed,
      },
    );
    expect(report.created).toBe(1);
    const [post] = await postsOf(reviewed);
    expect(post.targets[0].status).toBe('needs_review');
    expect(post.scheduledAt).toBe(`${day}T09:00:00.000Z`);
  }, 60_000);
});
