import { randomUUID } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import {
  ConflictError,
  CreateProductDto,
  DomainError,
  InvalidError,
  ListProductsQuery,
  NotFoundError,
  type ProductView,
  type Role,
  UpdateProductDto,
} from '@app/contracts';
import { Outbox, validateDto } from '@app/messaging';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { testConfig } from '../../../../test/support/test-config.js';
import { ContentModule } from '../content.module.js';
import type { RequestContext } from '@app/messaging';
import { ProductsService } from './products.service.js';

interface OutboxRow {
  subject: string;
  workspace_id: string;
  correlation_id: string;
  payload: Record<string, unknown>;
}

let db: TestDatabase;
let moduleRef: TestingModule;
let products: ProductsService;
let dataSource: DataSource;

beforeAll(async () => {
  db = await createTestDatabase('shopcast_content');
  moduleRef = await compileContent();
  products = moduleRef.get(ProductsService);
  dataSource = moduleRef.get(DataSource);
});

afterAll(async () => {
  await moduleRef?.close();
  await db?.drop();
});

async function compileContent(outbox?: Partial<Outbox>): Promise<TestingModule> {
  const builder = Test.createTestingModule({
    imports: [ContentModule.forRoot({ config: testConfig({ DATABASE_URL: db.url }) })],
  });
  if (outbox) builder.overrideProvider(Outbox).useValue(outbox);
  const compiled = await builder.compile();
  await compiled.init();
  return compiled;
}

/** A caller in a fresh workspace unless one is given, so tests never see each other's rows. */
function callerIn(workspaceId: string = randomUUID(), role: Role = 'owner'): RequestContext {
  return { principal: { userId: randomUUID(), workspaceId, role }, correlationId: randomUUID() };
}

// Inputs go through the same validation and transforms as on the bus.
const createInput = (plain: Record<string, unknown>) => validateDto(CreateProductDto, plain);
const patchInput = (plain: Record<string, unknown>) => validateDto(UpdateProductDto, plain);
const listInput = (plain: Record<string, unknown>) => validateDto(ListProductsQuery, plain);

async function create(caller: RequestContext, plain: Record<string, unknown>): Promise<ProductView> {
  return products.create(caller, await createInput(plain));
}

function outboxRows(workspaceId: string): Promise<OutboxRow[]> {
  return dataSource.query(
    'SELECT subject, workspace_id, correlation_id, payload FROM outbox WHERE workspace_id = $1 ORDER BY seq',
    [workspaceId],
  );
}

async function productRowCount(workspaceId: string): Promise<number> {
  const [row] = await dataSource.query<Array<{ count: number }>>(
    'SELECT count(*)::int AS count FROM products WHERE workspace_id = $1',
    [workspaceId],
  );
  return row.count;
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

async function allPages(caller: RequestContext, query: Record<string, unknown>): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await products.list(caller, await listInput({ ...query, ...(cursor ? { cursor } : {}) }));
    pages.push(page.items.map((item) => item.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && pages.length < 50);
  return pages;
}

describe('ProductsService', () => {
  describe('create and get', () => {
    it('stores every field, normalises tags and currency, derives the margin', async () => {
      const caller = callerIn();
      const created = await create(caller, {
        title: '  Hand-thrown mug ',
        description: 'Stoneware, 350 ml',
        priceMinor: 2800,
        currency: 'usd',
        costMinor: 900,
        commissionRate: 12.5,
        category: 'Kitchen',
        tags: [' Ceramics ', 'mug', 'ceramics', 'MUG', 'gift  idea', '   '],
        destinationUrl: 'https://shop.example.com/mug',
        externalId: 'MUG-1',
      });
      expect(created).toEqual({
        id: expect.any(String),
        title: 'Hand-thrown mug',
        description: 'Stoneware, 350 ml',
        priceMinor: 2800,
        currency: 'USD',
        costMinor: 900,
        marginMinor: 1900,
        commissionRate: 12.5,
        category: 'Kitchen',
        tags: ['Ceramics', 'mug', 'gift idea'],
        destinationUrl: 'https://shop.example.com/mug',
        externalId: 'MUG-1',
        status: 'active',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(await products.get(caller, created.id)).toEqual(created);
    });

    it('fills optional fields with null, no tags and active status', async () => {
      const created = await create(callerIn(), { title: 'Plain' });
      expect(created).toMatchObject({
        description: null,
        priceMinor: null,
        currency: null,
        costMinor: null,
        marginMinor: null,
        commissionRate: null,
        tags: [],
        externalId: null,
        status: 'active',
      });
    });

    it('answers 404 for a product that does not exist', async () => {
      const error = await rejection(products.get(callerIn(), randomUUID()));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.status).toBe(404);
    });
  });

  describe('currency rule', () => {
    it.each([
      [{ priceMinor: 100 }, 'priceMinor'],
      [{ costMinor: 50 }, 'costMinor'],
    ])('refuses %j without a currency, naming currency, and writes nothing', async (money, field) => {
      const caller = callerIn();
      const error = await rejection(create(caller, { title: 'Cup', ...money }));
      expect(error).toBeInstanceOf(InvalidError);
      expect(error.status).toBe(400);
      expect(error.message).toBe(`currency is required when ${field} is set`);
      expect(error.details).toEqual({ fields: [{ field: 'currency', messages: [error.message] }] });
      expect(await productRowCount(caller.principal.workspaceId)).toBe(0);
      expect(await outboxRows(caller.principal.workspaceId)).toEqual([]);
    });

    it('applies to the product as patched: clearing the currency of a priced product fails', async () => {
      const caller = callerIn();
      const priced = await create(caller, { title: 'Cup', priceMinor: 500, currency: 'EUR' });
      const error = await rejection(products.update(caller, priced.id, await patchInput({ currency: null })));
      expect(error).toBeInstanceOf(InvalidError);
      expect(error.details).toMatchObject({ fields: [{ field: 'currency' }] });
      expect(await products.get(caller, priced.id)).toEqual(priced);

      const unpriced = await create(caller, { title: 'Saucer' });
      const noCurrency = await rejection(
        products.update(caller, unpriced.id, await patchInput({ costMinor: 10 })),
      );
      expect(noCurrency).toBeInstanceOf(InvalidError);
      // Clearing money and currency together is fine.
      const cleared = await products.update(
        caller,
        priced.id,
        await patchInput({ priceMinor: null, currency: null }),
      );
      expect(cleared).toMatchObject({ priceMinor: null, currency: null, marginMinor: null });
    });
  });

  describe('update', () => {
    it('changes present fields, clears null ones, keeps absent ones, and recomputes the margin', async () => {
      const caller = callerIn();
      const created = await create(caller, {
        title: 'Lamp',
        description: 'Brass',
        priceMinor: 5000,
        currency: 'GBP',
        costMinor: 2000,
        category: 'Lighting',
        tags: ['home'],
      });
      const updated = await products.update(
        caller,
        created.id,
        await patchInput({
          priceMinor: 6000,
          description: null,
          tags: ['Home', 'brass', 'HOME'],
          status: 'archived',
        }),
      );
      expect(updated).toMatchObject({
        id: created.id,
        title: 'Lamp',
        description: null,
        priceMinor: 6000,
        currency: 'GBP',
        costMinor: 2000,
        marginMinor: 4000,
        category: 'Lighting',
        tags: ['Home', 'brass'],
        status: 'archived',
        createdAt: created.createdAt,
      });
      expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
      expect(await products.get(caller, created.id)).toEqual(updated);
    });

    it('refuses to clear the title', async () => {
      await expect(patchInput({ title: null })).rejects.toMatchObject({
        status: 400,
        message: expect.stringContaining('title'),
      });
      await expect(patchInput({ title: '   ' })).rejects.toBeInstanceOf(InvalidError);
      await expect(patchInput({ status: null })).rejects.toBeInstanceOf(InvalidError);
    });

    it('answers 404 for a product that does not exist', async () => {
      const error = await rejection(
        products.update(callerIn(), randomUUID(), await patchInput({ title: 'X' })),
      );
      expect(error).toBeInstanceOf(NotFoundError);
    });
  });

  describe('delete', () => {
    it('deletes for good: get, update and a second delete then answer 404', async () => {
      const caller = callerIn();
      const created = await create(caller, { title: 'Vase' });
      await products.delete(caller, created.id);
      expect(await productRowCount(caller.principal.workspaceId)).toBe(0);
      await expect(products.get(caller, created.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        products.update(caller, created.id, await patchInput({ title: 'Back' })),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(products.delete(caller, created.id)).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('externalId', () => {
    it('is unique within a workspace on create and on update, and free across workspaces', async () => {
      const caller = callerIn();
      const first = await create(caller, { title: 'A', externalId: 'SKU-1' });
      const second = await create(caller, { title: 'B', externalId: 'SKU-2' });
      const eventsBefore = await outboxRows(caller.principal.workspaceId);

      const onCreate = await rejection(create(caller, { title: 'C', externalId: 'SKU-1' }));
      expect(onCreate).toBeInstanceOf(ConflictError);
      expect(onCreate.status).toBe(409);
      expect(onCreate.message).toContain('SKU-1');

      const onUpdate = await rejection(
        products.update(caller, second.id, await patchInput({ externalId: 'SKU-1', title: 'B2' })),
      );
      expect(onUpdate).toBeInstanceOf(ConflictError);
      expect(await products.get(caller, second.id)).toEqual(second);
      expect(await productRowCount(caller.principal.workspaceId)).toBe(2);
      // A failed change leaves no event behind.
      expect(await outboxRows(caller.principal.workspaceId)).toEqual(eventsBefore);

      await expect(create(callerIn(), { title: 'Elsewhere', externalId: 'SKU-1' })).resolves.toMatchObject({
        externalId: 'SKU-1',
      });
      // Once cleared, the id is free again; several products may have none.
      await products.update(caller, first.id, await patchInput({ externalId: null }));
      await expect(create(caller, { title: 'D', externalId: 'SKU-1' })).resolves.toBeDefined();
      await expect(create(caller, { title: 'E' })).resolves.toMatchObject({ externalId: null });
    });
  });

  describe('find', () => {
    it("finds products by id and by external id in one request, never another workspace's", async () => {
      const caller = callerIn();
      const byId = await create(caller, { title: 'Mug' });
      const bySku = await create(caller, { title: 'Bowl', externalId: 'BOWL-1' });
      const elsewhere = await create(callerIn(), { title: 'Plate', externalId: 'PLATE-1' });
      const found = await products.find(caller, {
        ids: [byId.id, elsewhere.id, randomUUID()],
        externalIds: ['BOWL-1', 'PLATE-1', 'NONE'],
      });
      expect(found.sort((a, b) => a.title.localeCompare(b.title))).toEqual([
        { id: bySku.id, externalId: 'BOWL-1', title: 'Bowl', status: 'active' },
        { id: byId.id, externalId: null, title: 'Mug', status: 'active' },
      ]);
      expect(await products.find(caller, {})).toEqual([]);
    });
  });

  describe('workspace isolation', () => {
    it("hides another workspace's product behind 404 and leaves it untouched", async () => {
      const owner = callerIn();
      const stranger = callerIn();
      const product = await create(owner, { title: 'Secret scarf', tags: ['wool'] });

      for (const attempt of [
        products.get(stranger, product.id),
        products.update(stranger, product.id, await patchInput({ title: 'Mine now' })),
        products.delete(stranger, product.id),
      ]) {
        const error = await rejection(attempt);
        expect(error).toBeInstanceOf(NotFoundError);
        expect(error.status).toBe(404);
      }
      const strangersList = await products.list(stranger, await listInput({}));
      expect(strangersList).toEqual({ items: [], nextCursor: null });
      const searched = await products.list(stranger, await listInput({ q: 'scarf', tag: 'wool' }));
      expect(searched.items).toEqual([]);
      expect(await products.get(owner, product.id)).toEqual(product);
      expect(await outboxRows(stranger.principal.workspaceId)).toEqual([]);
    });
  });

  describe('roles', () => {
    // Writes are refused to a viewer before they reach the service: products.handlers.spec.
    it('lets a viewer read', async () => {
      const workspaceId = randomUUID();
      const editor = callerIn(workspaceId, 'editor');
      const viewer = callerIn(workspaceId, 'viewer');
      const product = await create(editor, { title: 'Shared candle' });

      expect(await products.get(viewer, product.id)).toEqual(product);
      expect((await products.list(viewer, await listInput({}))).items).toEqual([product]);
    });
  });

  describe('list', () => {
    it('pages through 45 products newest first, 20 at a time, with no duplicates or gaps', async () => {
      const caller = callerIn();
      const created: ProductView[] = [];
      for (let index = 0; index < 45; index += 1)
        created.push(await create(caller, { title: `Item ${index}` }));

      const pages = await allPages(caller, { limit: 20 });
      expect(pages.map((page) => page.length)).toEqual([20, 20, 5]);
      const newestFirst = [...created]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
        .map((product) => product.id);
      expect(pages.flat()).toEqual(newestFirst);
    });

    it('defaults to 20 items a page', async () => {
      const caller = callerIn();
      for (let index = 0; index < 21; index += 1) await create(caller, { title: `Item ${index}` });
      const page = await products.list(caller, await listInput({}));
      expect(page.items).toHaveLength(20);
      expect(page.nextCursor).toEqual(expect.any(String));
    });

    it('keeps later pages stable while products are added', async () => {
      const caller = callerIn();
      const older: string[] = [];
      for (let index = 0; index < 10; index += 1)
        older.push((await create(caller, { title: `Old ${index}` })).id);
      const first = await products.list(caller, await listInput({ limit: 4 }));
      for (let index = 0; index < 3; index += 1) await create(caller, { title: `New ${index}` });

      const seen = first.items.map((item) => item.id);
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await products.list(caller, await listInput({ limit: 4, cursor }));
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      }
      expect(seen).toEqual([...older].reverse());
    });

    it('orders products created in the same instant by id, so a page boundary skips none', async () => {
      const caller = callerIn();
      const workspaceId = caller.principal.workspaceId;
      const ids = Array.from({ length: 7 }, () => randomUUID());
      await dataSource.query(
        `INSERT INTO products (id, workspace_id, title, created_at, updated_at)
         SELECT id, $1, 'Same instant', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
           FROM unnest($2::uuid[]) AS id`,
        [workspaceId, ids],
      );
      const pages = await allPages(caller, { limit: 2 });
      expect(pages.map((page) => page.length)).toEqual([2, 2, 2, 1]);
      expect(pages.flat()).toEqual([...ids].sort().reverse());
    });

    it('searches title and description, case-insensitively, by word prefix', async () => {
      const caller = callerIn();
      const mug = await create(caller, { title: 'Hand-thrown MUG', description: 'Stoneware, 350 ml' });
      const lamp = await create(caller, { title: 'Desk lamp', description: 'Pairs well with a mug' });
      const vase = await create(caller, { title: 'Vase', description: 'Glazed stoneware' });
      await create(callerIn(), { title: 'Mug elsewhere' });

      const search = async (q: string) =>
        (await products.list(caller, await listInput({ q }))).items.map((item) => item.title).sort();
      expect(await search('mug')).toEqual([mug.title, lamp.title].sort());
      expect(await search('STONEW')).toEqual([mug.title, vase.title].sort());
      expect(await search('thrown mug')).toEqual([mug.title]);
      expect(await search('stoneware lamp')).toEqual([]);
      expect(await search('teapot')).toEqual([]);
      // Input is never query syntax: operators, quotes and wildcards only separate words (so "!" is no NOT).
      expect(await search("mug & !lamp | '%_\\")).toEqual([lamp.title]);
      expect(await search('%')).toEqual([]);
    });

    it('filters by tag case-insensitively and by status, combined with search', async () => {
      const caller = callerIn();
      const tote = await create(caller, { title: 'Canvas tote', tags: ['Summer Sale', 'bags'] });
      const hat = await create(caller, { title: 'Straw hat', tags: ['summer sale'], status: 'archived' });
      await create(caller, { title: 'Wool hat', tags: ['winter'] });

      const titles = async (query: Record<string, unknown>) =>
        (await products.list(caller, await listInput(query))).items.map((item) => item.title).sort();
      expect(await titles({ tag: 'SUMMER SALE' })).toEqual([tote.title, hat.title].sort());
      expect(await titles({ tag: ' summer   sale ' })).toEqual([tote.title, hat.title].sort());
      expect(await titles({ tag: 'summer' })).toEqual([]);
      expect(await titles({ tag: 'summer sale', status: 'active' })).toEqual([tote.title]);
      expect(await titles({ status: 'archived' })).toEqual([hat.title]);
      expect(await titles({ tag: 'summer sale', q: 'hat' })).toEqual([hat.title]);
    });

    it.each([
      ['title', 'asc', ['apple', 'Banana', 'banana', 'cherry', 'Date', 'elder', 'Fig']],
      ['price', 'desc', ['Fig', 'elder', 'Date', 'cherry', 'banana', 'Banana', 'apple']],
      ['price', 'asc', ['apple', 'Banana', 'banana', 'cherry', 'Date', 'elder', 'Fig']],
    ] as const)('pages by %s %s with cursors that skip and repeat none', async (sort, order, expected) => {
      const caller = callerIn();
      // Created out of order; 'apple' has no price, so it sorts below every priced product.
      const priced: Array<[string, number | null]> = [
        ['Date', 400],
        ['banana', 250],
        ['Fig', 600],
        ['apple', null],
        ['elder', 500],
        ['Banana', 200],
        ['cherry', 300],
      ];
      for (const [title, priceMinor] of priced)
        await create(caller, priceMinor === null ? { title } : { title, priceMinor, currency: 'EUR' });
      const byId = await products.list(caller, await listInput({ limit: 50 }));
      const titleOf = new Map(byId.items.map((item) => [item.id, item.title]));
      const pages = await allPages(caller, { limit: 2, sort, order });
      const titles = pages.flat().map((id) => titleOf.get(id));
      if (sort === 'title') {
        // Same title in another case: the tie goes by id, so only compare case-insensitively there.
        expect(titles.map((title) => title?.toLowerCase())).toEqual(
          expected.map((title) => title.toLowerCase()),
        );
      } else expect(titles).toEqual(expected);
      const otherSort = await products.list(caller, await listInput({ limit: 2, sort, order }));
      const error = await rejection(
        products.list(caller, await listInput({ cursor: otherSort.nextCursor, sort: 'updatedAt' })),
      );
      expect(error).toBeInstanceOf(InvalidError);
    });

    it.each([
      ['garbage', 'not a cursor!'],
      ['base64 of text', Buffer.from('hello').toString('base64url')],
      ['wrong shape', Buffer.from(JSON.stringify({ at: 1 })).toString('base64url')],
      ['bad id', Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'x'])).toString('base64url')],
      ['bad date', Buffer.from(JSON.stringify(['yesterday', randomUUID()])).toString('base64url')],
    ])('refuses a malformed cursor (%s) with 400', async (_, cursor) => {
      const error = await rejection(products.list(callerIn(), await listInput({ cursor })));
      expect(error).toBeInstanceOf(InvalidError);
      expect(error.status).toBe(400);
      expect(error.details).toMatchObject({ fields: [{ field: 'cursor' }] });
    });
  });

  describe('events', () => {
    it('records exactly one event per change, with the view, the workspace and the correlation id', async () => {
      const caller = callerIn();
      const workspaceId = caller.principal.workspaceId;
      const created = await create(caller, { title: 'Kettle', priceMinor: 4000, currency: 'USD' });
      const updateCaller = { ...caller, correlationId: randomUUID() };
      const updated = await products.update(updateCaller, created.id, await patchInput({ priceMinor: 4500 }));
      // A patch that changes nothing is not a change.
      await products.update(caller, created.id, await patchInput({ priceMinor: 4500, title: 'Kettle' }));
      const deleteCaller = { ...caller, correlationId: randomUUID() };
      await products.delete(deleteCaller, created.id);

      expect(await outboxRows(workspaceId)).toEqual([
        {
          subject: 'content.product.created',
          workspace_id: workspaceId,
          correlation_id: caller.correlationId,
          payload: { ...created },
        },
        {
          subject: 'content.product.updated',
          workspace_id: workspaceId,
          correlation_id: updateCaller.correlationId,
          payload: { ...updated },
        },
        {
          subject: 'content.product.deleted',
          workspace_id: workspaceId,
          correlation_id: deleteCaller.correlationId,
          payload: { productId: created.id },
        },
      ]);
    });

    it('commits the change and its event together: if the event cannot be recorded, nothing changes', async () => {
      const failing = await compileContent({
        add: () => Promise.reject(new Error('outbox unavailable')),
      });
      try {
        const failingProducts = failing.get(ProductsService);
        const caller = callerIn();
        const existing = await create(caller, { title: 'Teapot' });

        await expect(failingProducts.create(caller, await createInput({ title: 'Lost' }))).rejects.toThrow(
          'outbox unavailable',
        );
        await expect(
          failingProducts.update(caller, existing.id, await patchInput({ title: 'Renamed' })),
        ).rejects.toThrow('outbox unavailable');
        await expect(failingProducts.delete(caller, existing.id)).rejects.toThrow('outbox unavailable');

        expect(await productRowCount(caller.principal.workspaceId)).toBe(1);
        expect(await products.get(caller, existing.id)).toEqual(existing);
        expect(await outboxRows(caller.principal.workspaceId)).toHaveLength(1);
      } finally {
        await failing.close();
      }
    });
  });
});
