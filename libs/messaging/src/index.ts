// The service kernel's public face: what apps and tests use. Everything else in src/ is internal.

// Handlers: one declaration per subject, its context and data, the access it needs.
export { Context, CURRENT_ROLE, type CurrentRoleSource, Data, Handles } from './handles.decorator.js';
export {
  type CallContext,
  type RequestContext,
  systemContext,
  systemWriteContext,
} from './request-context.js';
/** For handlers of subjects outside the contract (tests of the transports); contract handlers use @Handles. */
export { EnvelopePipe } from './envelope.pipe.js';
export {
  DtoValidationPipe,
  validateDto,
  invalidFromValidationErrors,
  VALIDATION_OPTIONS,
  type FieldError,
} from './validation.js';

// Requests: the typed client, and the transports a service or the gateway runs on.
export { RpcClient } from './rpc-client.js';
export { RpcErrorFilter } from './rpc-error.filter.js';
export { MAX_BUS_PAYLOAD_BYTES } from './payload-limit.js';
export { InProcessBus } from './in-process-bus.js';
export { InProcessClient, InProcessServer } from './in-process.transport.js';
export { MessagingModule, TRANSPORT_CLIENT } from './messaging.module.js';
export {
  natsAuthorizationConfig,
  natsConnectOptions,
  natsPasswordVariable,
  natsPermissions,
  type NatsPermissions,
} from './nats-access.js';

// Events: the outbox written in the state change's transaction, its relay, and durable consumers.
export { Outbox, type EventOrigin, type EventScope } from './outbox.js';
export { OutboxRelay } from './outbox-relay.js';
export { StuckEvents, type StuckEventRule } from './stuck-events.js';
export { type EventHandler, OnEvent } from './on-event.decorator.js';
export { handleOnce } from './event-consumers.js';
export { EVENTS_STREAM, EVENTS_SUBJECT_PREFIX } from './event-publisher.js';
export { MESSAGING_MIGRATIONS } from './messaging-tables.migration.js';

// High-volume record streams (clicks): JetStream batches outside the outbox.
export { BatchBuffer, type BatchBufferOptions } from './batch-buffer.js';
export {
  type BatchConsumerOptions,
  ensureRecordStream,
  JetStreamBatchConsumer,
  JetStreamRecordPublisher,
  type RecordStreamSpec,
} from './record-stream.js';

// Running a service: bootstrap in either mode, and the process entry point.
export { type Runtime } from './runtime.js';
export { type RunningService, startService } from './service-bootstrap.js';
export { runServiceMain, type ServiceDefinition } from './service-main.js';
