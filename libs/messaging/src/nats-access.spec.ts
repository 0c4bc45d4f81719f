import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import * as contracts from '@app/contracts';
import { natsAuthorizationConfig, natsPermissions } from './nats-access.js';

const root = join(import.meta.dirname, '../../..');

function sourcesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesOf(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The request subjects a service's code sends: each `rpc.send(SomeSubjects.name` resolved to its subject. */
function subjectsSentBy(service: string): string[] {
  const sent = new Set<string>();
  for (const file of sourcesOf(join(root, 'apps', service, 'src')))
    for (const [, group, name] of readFileSync(file, 'utf8').matchAll(
      /\.send\(\s*([A-Za-z]+Subjects)\.(\w+)/g,
    )) {
      const subjects = (contracts as unknown as Record<string, Record<string, string> | undefined>)[group];
      const subject = subjects?.[name];
      if (!subject) throw new Error(`${file}: ${group}.${name} is not a subject of the contract`);
      sent.add(subject);
    }
  return [...sent];
}

describe('who may do what on the bus', () => {
  it.each(['auth', 'content', 'platform', 'analytics'] as const)(
    'lets %s send the requests its code sends to other services, and no others',
    (service) => {
      const toOthers = subjectsSentBy(service).filter((subject) => !subject.startsWith(`${service}.`));
      expect([...contracts.SERVICE_CALLS[service]].sort()).toEqual(toOthers.sort());
    },
  );

  it('has the scan see the calls it checks (platform asks content for products)', () => {
    expect(subjectsSentBy('platform')).toContain(contracts.ContentSubjects.getProduct);
  });

  it('lets a service answer only its own requests and publish only its own events', () => {
    expect(natsPermissions('content')).toEqual({
      publish: { allow: ['_INBOX.>', '$JS.API.>', '$JS.ACK.>', 'events.content.>'] },
      subscribe: { allow: ['_INBOX.>', 'content.>'] },
    });
    const platform = natsPermissions('platform');
    expect(platform.publish.allow).toContain('content.product.get');
    expect(platform.publish.allow).not.toContain('auth.member.remove');
    expect(platform.subscribe.allow).not.toContain('auth.>');
    expect(natsPermissions('gateway').subscribe.allow).toEqual(['_INBOX.>']);
  });

  it('ships the NATS authorization the contract makes (run `npm run build && npm run nats:config` after a change)', () => {
    expect(readFileSync(join(root, 'k8s/nats-authorization.conf'), 'utf8')).toBe(natsAuthorizationConfig());
  });
});
