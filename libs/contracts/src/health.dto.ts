import { RevenueView } from './dashboard.dto.js';

/** Events a service recorded but could not hand on: publishing failed N times (a consumer keeps failing) or long ago. */
export class StuckEventsView {
  count!: number;
  /** When the oldest of them happened; null when there are none. */
  oldestAt!: string | null;
}

export class DependencyCheckView {
  name!: string;
  isHealthy!: boolean;
  /** Why the dependency is unhealthy; absent when healthy. */
  error?: string;
  /** A service's stuck events: a detail to look at, not a reason to take the service out of rotation. */
  stuckEvents?: StuckEventsView;
}

export class ReadinessView {
  status!: 'ok' | 'unavailable';
  checks!: DependencyCheckView[];
}

export interface ServiceHealth {
  service: string;
  isDatabaseUp: boolean;
  /** Null when the database could not be asked. */
  stuckEvents: StuckEventsView | null;
}

export class WorkspaceSummaryView {
  workspaceId!: string;
  /** Products currently in the catalog (created minus deleted), as seen from content events. */
  products!: number;
  /** Users who registered with this workspace as their first workspace. */
  registeredUsers!: number;
  /** The window the traffic and sales figures below cover. */
  from!: string;
  to!: string;
  /** Human clicks on tracked links (bots, link previews and HEAD requests excluded). */
  clicks!: number;
  /** Distinct visitors per link and day. */
  uniqueClicks!: number;
  /** Clicks flagged as bots or link previews, not counted above. */
  botClicks!: number;
  /** Impressions and engagements of posts published in the window, from platform metrics. */
  impressions!: number;
  engagements!: number;
  /** clicks / impressions; null without impressions. */
  ctr!: number | null;
  /** engagements / impressions; null without impressions. */
  engagementRate!: number | null;
  orders!: number;
  /** orders / clicks; null without clicks. */
  conversionRate!: number | null;
  /** Revenue, EPC and profit per currency. */
  revenue!: RevenueView[];
}
