import { describe, expect, it } from '@jest/globals';
import type { ClientProxy } from '@nestjs/microservices';
import { timer, map } from 'rxjs';
import { ContentSubjects, TimeoutError } from '@app/contracts';
import { createLogger } from '@app/observability';
import { RpcClient } from './rpc-client.js';

// A transport that answers every request after `delayMs`, as a slow service would.
function slowTransport(delayMs: number): ClientProxy {
  return { send: () => timer(delayMs).pipe(map(() => ({ status: 'up' }))) } as unknown as ClientProxy;
}

const context = { principal: null, correlationId: 'c-1' };

describe('RpcClient deadlines', () => {
  it('answers 504 after the default deadline, and waits longer when the call asks for it', async () => {
    const rpc = new RpcClient(slowTransport(150), 30, createLogger('test', 'silent'));
    await expect(rpc.send(ContentSubjects.health, {}, context)).rejects.toBeInstanceOf(TimeoutError);
    await expect(rpc.send(ContentSubjects.health, {}, context, { timeoutMs: 2000 })).resolves.toEqual({
      status: 'up',
    });
  });
});
