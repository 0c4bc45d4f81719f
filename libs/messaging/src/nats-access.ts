import type { NatsAccess } from '@app/config';
import { BUS_APPS, type BusApp, CLICK_STREAM, SERVICE_CALLS } from '@app/contracts';
import { EVENTS_SUBJECT_PREFIX } from './event-publisher.js';

/** The options every NATS connection of an app takes (nats.js and Nest's NATS transport read the same names). */
export function natsConnectOptions(url: string, access: NatsAccess) {
  const tls =
    access.tlsCaFile || access.tlsCertFile
      ? {
          ...(access.tlsCaFile ? { caFile: access.tlsCaFile } : {}),
          ...(access.tlsCertFile ? { certFile: access.tlsCertFile, keyFile: access.tlsKeyFile } : {}),
        }
      : undefined;
  return {
    servers: [url],
    ...(access.user ? { user: access.user, pass: access.password } : {}),
    ...(tls ? { tls } : {}),
  };
}

export interface NatsPermissions {
  publish: { allow: string[] };
  subscribe: { allow: string[] };
}

/**
 * What an app may do on the bus. Replies and JetStream's API (streams, consumers, acks) are open to every app;
 * beyond them the gateway sends any service's requests and publishes clicks, and a service answers its own
 * requests, publishes its own events and sends only the requests SERVICE_CALLS lists for it.
 */
export function natsPermissions(app: BusApp): NatsPermissions {
  const common = ['_INBOX.>', '$JS.API.>'];
  if (app === 'gateway')
    return {
      publish: {
        allow: [
          ...common,
          ...BUS_APPS.filter((other) => other !== 'gateway').map((service) => `${service}.>`),
          `${CLICK_STREAM.subjectPrefix}>`,
        ],
      },
      subscribe: { allow: ['_INBOX.>'] },
    };
  return {
    publish: {
      allow: [...common, '$JS.ACK.>', `${EVENTS_SUBJECT_PREFIX}${app}.>`, ...SERVICE_CALLS[app]],
    },
    subscribe: { allow: ['_INBOX.>', `${app}.>`] },
  };
}

/** The environment variable the NATS server reads an app's password from. */
export function natsPasswordVariable(app: BusApp): string {
  return `SHOPCAST_NATS_${app.toUpperCase()}_PASSWORD`;
}

/**
 * The `authorization` block of the NATS server's configuration: one user per app, named after it, with its
 * password from the server's environment and its permissions. Nothing else may connect.
 */
export function natsAuthorizationConfig(): string {
  const users = BUS_APPS.map((app) => {
    const { publish, subscribe } = natsPermissions(app);
    const list = (subjects: string[]) => subjects.map((subject) => JSON.stringify(subject)).join(', ');
    return [
      `    {`,
      `      user: ${JSON.stringify(app)}`,
      `      password: $${natsPasswordVariable(app)}`,
      `      permissions: {`,
      `        publish: { allow: [${list(publish.allow)}] }`,
      `        subscribe: { allow: [${list(subscribe.allow)}] }`,
      `      }`,
      `    }`,
    ].join('\n');
  });
  return [
    '# Generated from libs/contracts SERVICE_CALLS by `npm run nats:config`; edit the contract, not this file.',
    'authorization {',
    '  users: [',
    users.join('\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}
