import { DomainError } from '@app/contracts';
import type { ConnectablePlatform } from '@app/contracts';
import type { PostMetricsSnapshot } from '@app/contracts';
import type { Provider, PublishCredentials } from '../providers/provider.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';

export type MetricsReader = Provider & {
  fetchMetrics(credentials: PublishCredentials, externalId: string): Promise<PostMetricsSnapshot>;
};

/** The platform's provider when it can read a post's metrics; null for platforms that report none. */
export function metricsReaderOf(
  registry: ProviderRegistry,
  platform: ConnectablePlatform,
): MetricsReader | null {
  try {
    const provider = registry.get(platform);
    return provider.fetchMetrics ? (provider as MetricsReader) : null;
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}
