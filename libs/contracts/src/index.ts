// DTO decorators (class-transformer's @Type) read design-time metadata.
import 'reflect-metadata';

export * from './api-keys.dto.js';
export * from './auth.dto.js';
export * from './autopilot.dto.js';
export * from './campaigns.dto.js';
export * from './conversions.dto.js';
export * from './dashboard.dto.js';
export * from './connections.dto.js';
export * from './copy.dto.js';
export * from './envelope.js';
export * from './errors.js';
export * from './event-contract.js';
export * from './health.dto.js';
export * from './imports.dto.js';
export * from './media.dto.js';
export * from './media-resolve.dto.js';
export * from './videos.dto.js';
export * from './links.dto.js';
export * from './posts.dto.js';
export * from './target-options.js';
export * from './validation.js';
export * from './principal.js';
export * from './products.dto.js';
export * from './rpc-contract.js';
export * from './rpc-requests.js';
export * from './subjects.js';
export * from './webhooks.dto.js';
