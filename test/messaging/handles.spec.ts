import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Module } from '@nestjs/common';
import {
  AuthSubjects,
  ConnectionSubjects,
  DomainError,
  type LinkIdParams,
  LinkSubjects,
  type Principal,
  RefreshTokenDto,
  type Role,
  type Subject,
} from '@app/contracts';
import {
  type CallContext,
  Context,
  CURRENT_ROLE,
  type CurrentRoleSource,
  Data,
  Handles,
  type RequestContext,
  systemContext,
  systemWriteContext,
} from '@app/messaging';
import { type RpcFixture, sendUntyped, startRpcFixture } from './bus-fixtures.js';

// Contract subjects answered by test handlers: in-process only, so no other run on the shared NATS sees them.
/** What the handlers were given, by correlation id. */
const seen = new Map<string, { context: CallContext; data: unknown }>();

@Controller()
class KernelHandlers {
  @Handles(LinkSubjects.delete, 'write')
  delete(@Context() context: RequestContext, @Data() data: LinkIdParams) {
    seen.set(context.correlationId, { context, data });
    return {};
  }

  @Handles(ConnectionSubjects.list, 'read')
  list() {
    return [];
  }

  @Handles(AuthSubjects.logout, 'public')
  logout(@Context() context: CallContext, @Data() data: RefreshTokenDto) {
    seen.set(context.correlationId, { context, data });
    return { revoked: false };
  }

  @Handles(AuthSubjects.removeMember, 'manage')
  remove() {
    return { removed: true };
  }
}

@Module({ controllers: [KernelHandlers] })
class KernelModule {}

/** The role "the database" holds now, whatever the token says. */
const currentRoles = new Map<string, Role>();
const currentRole: CurrentRoleSource = {
  currentRole: async (principal: Principal) => currentRoles.get(principal.userId) ?? principal.role,
};

@Module({ controllers: [KernelHandlers], providers: [{ provide: CURRENT_ROLE, useValue: currentRole }] })
class KernelWithMembershipsModule {}

function as(role: Role | null): CallContext {
  const principal = role ? { userId: randomUUID(), workspaceId: randomUUID(), role } : null;
  return { principal, correlationId: randomUUID() };
}

describe('@Handles: one declaration per handler', () => {
  let fixture: RpcFixture;
  const send = (subject: Subject, data: unknown, context: CallContext) =>
    sendUntyped(fixture.rpc(2000), subject, data, context);
  const failure = async (subject: Subject, data: unknown, context: CallContext) => {
    const error = await send(subject, data, context).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    if (!(error instanceof DomainError)) throw new Error(`expected ${subject} to fail, got ${String(error)}`);
    return { code: error.code, status: error.status };
  };

  beforeAll(async () => {
    fixture = await startRpcFixture('in-process', KernelModule);
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it("hands the handler the caller's context and the data as an instance of the contract's class", async () => {
    const editor = as('editor');
    const id = randomUUID();
    // A field the envelope should not have stays out of the context.
    const envelope = { ...editor, isAdmin: true } as CallContext;
    await expect(send(LinkSubjects.delete, { id }, envelope)).resolves.toEqual({});
    expect(seen.get(editor.correlationId)).toStrictEqual({ context: editor, data: expect.anything() });
    expect(seen.get(editor.correlationId)?.data).toEqual({ id });
    const anonymous = as(null);
    await send(AuthSubjects.logout, { refreshToken: 'r'.repeat(40) }, anonymous);
    expect(seen.get(anonymous.correlationId)?.context).toEqual(anonymous);
    expect(seen.get(anonymous.correlationId)?.data).toBeInstanceOf(RefreshTokenDto);
  });

  it('answers 400 for bad data before it looks at the caller, then 401 without a principal', async () => {
    expect(await failure(LinkSubjects.delete, { id: randomUUID(), extra: 1 }, as(null))).toEqual({
      code: 'invalid',
      status: 400,
    });
    expect(await failure(LinkSubjects.delete, { id: 'nope' }, as('viewer'))).toMatchObject({ status: 400 });
    expect(await failure(ConnectionSubjects.list, {}, as(null))).toEqual({
      code: 'unauthorized',
      status: 401,
    });
    expect(await failure(LinkSubjects.delete, { id: randomUUID() }, as(null))).toMatchObject({ status: 401 });
  });

  it('grants read to every role, write to all but viewers, manage to owners and admins', async () => {
    for (const role of ['owner', 'admin', 'editor', 'viewer'] as const) {
      await expect(send(ConnectionSubjects.list, {}, as(role))).resolves.toEqual([]);
    }
    const link = { id: randomUUID() };
    for (const role of ['owner', 'admin', 'editor'] as const) {
      await expect(send(LinkSubjects.delete, link, as(role))).resolves.toEqual({});
    }
    expect(await failure(LinkSubjects.delete, link, as('viewer'))).toEqual({
      code: 'forbidden',
      status: 403,
    });
    const member = { userId: randomUUID() };
    for (const role of ['owner', 'admin'] as const) {
      await expect(send(AuthSubjects.removeMember, member, as(role))).resolves.toEqual({ removed: true });
    }
    for (const role of ['editor', 'viewer'] as const) {
      expect(await failure(AuthSubjects.removeMember, member, as(role))).toMatchObject({ status: 403 });
    }
  });

  it("lets a service's own context read, and write only when it was made for writing, never manage", async () => {
    const workspaceId = randomUUID();
    const link = { id: randomUUID() };
    await expect(send(ConnectionSubjects.list, {}, systemContext(workspaceId))).resolves.toEqual([]);
    expect(await failure(LinkSubjects.delete, link, systemContext(workspaceId))).toEqual({
      code: 'forbidden',
      status: 403,
    });
    const writer = systemWriteContext(workspaceId);
    await expect(send(LinkSubjects.delete, link, writer)).resolves.toEqual({});
    expect(seen.get(writer.correlationId)?.context.principal).toMatchObject({ workspaceId });
    expect(await failure(AuthSubjects.removeMember, { userId: randomUUID() }, writer)).toMatchObject({
      status: 403,
    });
  });

  it('lets anyone call a public subject, with or without a principal', async () => {
    const refreshToken = { refreshToken: 'r'.repeat(40) };
    await expect(send(AuthSubjects.logout, refreshToken, as(null))).resolves.toEqual({ revoked: false });
    await expect(send(AuthSubjects.logout, refreshToken, as('viewer'))).resolves.toEqual({ revoked: false });
  });
});

describe('@Handles with the current role provided (CURRENT_ROLE)', () => {
  let fixture: RpcFixture;

  beforeAll(async () => {
    fixture = await startRpcFixture('in-process', KernelWithMembershipsModule);
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it("checks write and manage against the current role, not the token's", async () => {
    const rpc = () => fixture.rpc(2000);
    const promoted = as('viewer');
    const demoted = as('owner');
    currentRoles.set(promoted.principal?.userId as string, 'admin');
    currentRoles.set(demoted.principal?.userId as string, 'viewer');
    const member = { userId: randomUUID() };

    await expect(sendUntyped(rpc(), AuthSubjects.removeMember, member, promoted)).resolves.toEqual({
      removed: true,
    });
    await expect(sendUntyped(rpc(), AuthSubjects.removeMember, member, demoted)).rejects.toMatchObject({
      code: 'forbidden',
      status: 403,
    });
    await expect(
      sendUntyped(rpc(), LinkSubjects.delete, { id: randomUUID() }, demoted),
    ).rejects.toMatchObject({ status: 403 });
    await expect(sendUntyped(rpc(), LinkSubjects.delete, { id: randomUUID() }, promoted)).resolves.toEqual(
      {},
    );
    // Reads do not ask: any member reads with the token's word.
    await expect(sendUntyped(rpc(), ConnectionSubjects.list, {}, demoted)).resolves.toEqual([]);
  });
});
