export class DependencyCheckView {
  name!: string;
  isHealthy!: boolean;
  /** Why the dependency is unhealthy; absent when healthy. */
  error?: string;
}

export class ReadinessView {
  status!: 'ok' | 'unavailable';
  checks!: DependencyCheckView[];
}

export interface ServiceHealth {
  service: string;
  isDatabaseUp: boolean;
}

export class WorkspaceSummaryView {
  workspaceId!: string;
  /** Products currently in the catalog (created minus deleted), as seen from content events. */
  products!: number;
  /** Users who registered with this workspace as their first workspace. */
  registeredUsers!: number;
}
