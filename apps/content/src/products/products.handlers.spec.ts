import { randomUUID } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import {
  ContentSubjects,
  CopySubjects,
  DomainError,
  ImportSubjects,
  MediaSubjects,
  VideoSubjects,
  type ProductView,
  type RequestOf,
  type Subject,
} from '@app/contracts';
import type { CallContext, RpcClient } from '@app/messaging';
import { callerIn as as, type ContentOnBus, startContentOnBus } from '../../test/content-harness.js';

// The service as standalone mode runs it: its handlers behind the bus, requests serialised as over NATS.
let content: ContentOnBus;
let rpc: RpcClient;

beforeAll(async () => {
  content = await startContentOnBus('shopcast_content_bus', {}, 5000);
  rpc = content.rpc;
});

afterAll(async () => {
  await content?.close();
});

/** Sends raw data, as any bus client could, and returns the error's code and status. */
async function failure<S extends Subject>(subject: S, data: unknown, context: CallContext) {
  const error = await rpc.send(subject, data as RequestOf<S>, context).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected ${subject} to fail, got ${String(error)}`);
  return { code: error.code, status: error.status, message: error.message };
}

describe('products over the bus', () => {
  it('creates, reads, lists, updates and deletes through the content subjects', async () => {
    const owner = as(randomUUID());
    const created: ProductView = await rpc.send(
      ContentSubjects.createProduct,
      { title: 'Hand-thrown mug', priceMinor: 2800, currency: 'usd', costMinor: 900, tags: ['Mug'] },
      owner,
    );
    expect(created).toMatchObject({ title: 'Hand-thrown mug', currency: 'USD', marginMinor: 1900 });
    expect(await rpc.send(ContentSubjects.getProduct, { id: created.id }, owner)).toEqual(created);
    const page = await rpc.send(ContentSubjects.listProducts, { q: 'MUG', tag: 'mug', limit: 10 }, owner);
    expect(page).toEqual({ items: [created], nextCursor: null });
    const updated = await rpc.send(
      ContentSubjects.updateProduct,
      { id: created.id, patch: { priceMinor: 3200, costMinor: null } },
      owner,
    );
    expect(updated).toMatchObject({ priceMinor: 3200, costMinor: null, marginMinor: null });
    expect(await rpc.send(ContentSubjects.deleteProduct, { id: created.id }, owner)).toEqual({});
    expect(await failure(ContentSubjects.getProduct, { id: created.id }, owner)).toMatchObject({
      status: 404,
    });
  });

  it('answers 401 without a principal', async () => {
    const anonymous: CallContext = { principal: null, correlationId: randomUUID() };
    expect(await failure(ContentSubjects.listProducts, {}, anonymous)).toMatchObject({
      code: 'unauthorized',
      status: 401,
    });
  });

  it('answers 400 for invalid data, unknown fields, a null title and a malformed cursor', async () => {
    const owner = as(randomUUID());
    const created = await rpc.send(ContentSubjects.createProduct, { title: 'Lamp' }, owner);
    const cases: Array<[Subject, unknown, RegExp]> = [
      [ContentSubjects.createProduct, { title: 'Lamp', isFeatured: true }, /isFeatured/],
      [
        ContentSubjects.createProduct,
        { title: 'Lamp', destinationUrl: 'javascript:alert(1)' },
        /destinationUrl/,
      ],
      [ContentSubjects.createProduct, { title: 'Lamp', priceMinor: 100 }, /currency is required/],
      [ContentSubjects.createProduct, { title: 'Lamp', commissionRate: 101 }, /commissionRate/],
      [ContentSubjects.getProduct, { id: 'not-a-uuid' }, /id/],
      [ContentSubjects.updateProduct, { id: created.id, patch: { title: null } }, /cannot be cleared/],
      [ContentSubjects.listProducts, { limit: 101 }, /limit/],
      [ContentSubjects.listProducts, { cursor: 'bm90IGEgY3Vyc29y' }, /cursor/],
    ];
    for (const [subject, data, message] of cases) {
      const error = await failure(subject, data, owner);
      expect({ subject, ...error }).toMatchObject({ subject, code: 'invalid', status: 400, message });
    }
    expect(await rpc.send(ContentSubjects.getProduct, { id: created.id }, owner)).toEqual(created);
  });

  it("answers 404 for another workspace's product and 403 to a viewer's write", async () => {
    const workspaceId = randomUUID();
    const owner = as(workspaceId);
    const product = await rpc.send(ContentSubjects.createProduct, { title: 'Scarf' }, owner);
    const stranger = as(randomUUID());
    expect(await failure(ContentSubjects.getProduct, { id: product.id }, stranger)).toMatchObject({
      code: 'not_found',
      status: 404,
    });
    expect(
      await failure(ContentSubjects.updateProduct, { id: product.id, patch: { title: 'Mine' } }, stranger),
    ).toMatchObject({ status: 404 });
    expect(await failure(ContentSubjects.deleteProduct, { id: product.id }, stranger)).toMatchObject({
      status: 404,
    });

    const viewer = as(workspaceId, 'viewer');
    expect(await rpc.send(ContentSubjects.getProduct, { id: product.id }, viewer)).toEqual(product);
    expect(await failure(ContentSubjects.createProduct, { title: 'Nope' }, viewer)).toMatchObject({
      code: 'forbidden',
      status: 403,
    });
    expect(await failure(ContentSubjects.deleteProduct, { id: product.id }, viewer)).toMatchObject({
      status: 403,
    });
  });

  it('refuses a viewer every write of the catalog, media, imports (pre-fill from a URL too), videos and copy with 403', async () => {
    const workspaceId = randomUUID();
    const viewer = as(workspaceId, 'viewer');
    const id = randomUUID();
    // Valid data for each subject, so the refusal is the role's and not the data's.
    const writes: Array<[Subject, unknown]> = [
      [ContentSubjects.createProduct, { title: 'Nope' }],
      [ContentSubjects.updateProduct, { id, patch: { title: 'Nope' } }],
      [ContentSubjects.deleteProduct, { id }],
      [ImportSubjects.start, { sourceKey: `imports/${workspaceId}/${id}`, format: 'csv' }],
      [ImportSubjects.retryImages, { id }],
      [ImportSubjects.prefillFromUrl, { url: 'https://example.com/products/lamp' }],
      [MediaSubjects.createFromUpload, { productId: id, uploadKey: `uploads/${workspaceId}/${id}` }],
      [MediaSubjects.createFromUrl, { productId: id, url: 'https://example.com/a.jpg' }],
      [MediaSubjects.delete, { id }],
      [MediaSubjects.reorder, { productId: id, mediaIds: [id] }],
      [VideoSubjects.create, { productId: id }],
      [VideoSubjects.delete, { id }],
      [VideoSubjects.updateBrand, {}],
      [CopySubjects.generate, { productId: id, options: { platforms: ['x'] } }],
      [CopySubjects.update, { id, patch: { items: [{ platform: 'x', variant: 1, text: 'Mine' }] } }],
      [CopySubjects.updateSettings, { defaultDisclosure: '#ad', platformDisclosures: [] }],
    ];
    for (const [subject, data] of writes) {
      expect({ subject, ...(await failure(subject, data, viewer)) }).toMatchObject({
        subject,
        code: 'forbidden',
        status: 403,
      });
    }
  });

  it('answers 409 for a duplicate externalId', async () => {
    const owner = as(randomUUID());
    await rpc.send(ContentSubjects.createProduct, { title: 'A', externalId: 'SKU-9' }, owner);
    expect(
      await failure(ContentSubjects.createProduct, { title: 'B', externalId: 'SKU-9' }, owner),
    ).toMatchObject({ code: 'conflict', status: 409 });
  });
});
