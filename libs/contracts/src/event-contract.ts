import type { ProductView } from './products.dto.js';
import { EventSubjects } from './subjects.js';

export interface UserRegisteredEvent {
  userId: string;
  email: string;
  name: string;
  workspaceId: string;
}

export interface WorkspaceCreatedEvent {
  workspaceId: string;
  name: string;
  ownerId: string;
}

export interface ProductDeletedEvent {
  productId: string;
}

/** Payload type of every event subject. */
export interface EventContract {
  [EventSubjects.userRegistered]: UserRegisteredEvent;
  [EventSubjects.workspaceCreated]: WorkspaceCreatedEvent;
  [EventSubjects.productCreated]: ProductView;
  [EventSubjects.productUpdated]: ProductView;
  [EventSubjects.productDeleted]: ProductDeletedEvent;
}

export type EventSubject = keyof EventContract;
export type EventPayload<S extends EventSubject> = EventContract[S];
