import { CopySubjects } from './copy.dto.js';
import { DashboardSubjects } from './dashboard.dto.js';
import { LinkSubjects } from './links.dto.js';
import { MediaResolveSubjects } from './media-resolve.dto.js';
import { MediaSubjects } from './media.dto.js';
import type { Subject } from './rpc-contract.js';
import { AuthSubjects, ContentSubjects, type ServiceName } from './subjects.js';

/** Every app on the bus: the gateway, which sends any request, and the services that answer them. */
export const BUS_APPS = ['gateway', 'auth', 'content', 'platform', 'analytics'] as const;
export type BusApp = (typeof BUS_APPS)[number];

/**
 * The requests each service sends to another service: the bus lets it send these and no other (NATS subject
 * permissions), so a compromised service cannot act through the rest. A spec checks the services' code sends
 * nothing else.
 */
export const SERVICE_CALLS: Record<ServiceName, readonly Subject[]> = {
  auth: [],
  content: [],
  analytics: [],
  platform: [
    AuthSubjects.listMembers,
    ContentSubjects.getProduct,
    ContentSubjects.findProducts,
    CopySubjects.generate,
    MediaSubjects.createFromUrl,
    MediaSubjects.get,
    MediaSubjects.listForProduct,
    MediaResolveSubjects.resolve,
    LinkSubjects.ensureForTarget,
    LinkSubjects.update,
    DashboardSubjects.experiments,
  ],
};
