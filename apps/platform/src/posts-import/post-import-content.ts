import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  type CopySetView,
  CopySubjects,
  DomainError,
  MediaSubjects,
  MAX_COPY_VARIANTS,
} from '@app/contracts';
import { type RequestContext, RpcClient } from '@app/messaging';
import type { Platform } from '@app/platform-rules';

/** A media URL of a row, with the product whose media it joins. */
export interface MediaSource {
  productId: string;
  url: string;
}

/** Copy to generate for one product: the copy platforms its rows' connections need, and variants to rotate. */
export interface CopyRequest {
  productId: string;
  platforms: Platform[];
  /** How many rows share the product; each gets a variant in turn, up to MAX_COPY_VARIANTS. */
  rows: number;
}

/** What became of a URL or of a product's copy: the result, or the reason there is none. */
export type Outcome<T> = { value: T } | { reason: string };

const FETCH_CONCURRENCY = 4;
const POLL_INTERVAL_MS = 1000;
/** How long an import waits for its images to be processed before it gives up on the rows that need them. */
const MEDIA_READY_WAIT_MS = 10 * 60_000;

/**
 * The content an import asks the content service for before it creates posts: media URLs added to their
 * product's media (the SSRF-safe fetch, validation and processing a URL gets anywhere), and copy written
 * per platform. Never called by a dry run: both write.
 */
@Injectable()
export class PostImportContent {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Each distinct source added once and waited for until ready; keyed by `mediaSourceKey`. */
  async addMedia(context: RequestContext, sources: MediaSource[]): Promise<Map<string, Outcome<string>>> {
    const outcomes = new Map<string, Outcome<string>>();
    const processing = new Map<string, string>();
    const queue = [...new Map(sources.map((source) => [mediaSourceKey(source), source])).values()];
    const fetchNext = async (): Promise<void> => {
      for (let source = queue.shift(); source; source = queue.shift()) {
        const key = mediaSourceKey(source);
        try {
          const asset = await this.rpc.send(MediaSubjects.createFromUrl, source, context);
          if (asset.status === 'processing') processing.set(key, asset.id);
          else outcomes.set(key, settled(asset));
        } catch (error) {
          outcomes.set(key, { reason: reasonOf(error, 'could not be added') });
        }
      }
    };
    await Promise.all(Array.from({ length: FETCH_CONCURRENCY }, fetchNext));
    await this.waitUntilReady(context, processing, outcomes);
    return outcomes;
  }

  /** One copy set per product, with a variant per row up to the limit; a failure is the product rows' reason. */
  async generateCopy(
    context: RequestContext,
    requests: CopyRequest[],
  ): Promise<Map<string, Outcome<CopySetView>>> {
    const outcomes = new Map<string, Outcome<CopySetView>>();
    const timeoutMs = this.config.copy.generateTimeoutMs;
    for (const { productId, platforms, rows } of requests) {
      const options = { platforms, variants: Math.min(rows, MAX_COPY_VARIANTS) };
      try {
        const copy = await this.rpc.send(CopySubjects.generate, { productId, options }, context, {
          timeoutMs,
        });
        outcomes.set(productId, { value: copy });
      } catch (error) {
        outcomes.set(productId, { reason: reasonOf(error, 'could not be generated') });
      }
    }
    return outcomes;
  }

  private async waitUntilReady(
    context: RequestContext,
    processing: Map<string, string>,
    outcomes: Map<string, Outcome<string>>,
  ): Promise<void> {
    const deadline = Date.now() + MEDIA_READY_WAIT_MS;
    while (processing.size > 0 && Date.now() < deadline) {
      await sleep(POLL_INTERVAL_MS);
      for (const [key, id] of processing) {
        const outcome = await this.readyOutcome(context, id);
        if (outcome) {
          outcomes.set(key, outcome);
          processing.delete(key);
        }
      }
    }
    for (const key of processing.keys())
      outcomes.set(key, { reason: 'is still being processed; import the row again in a few minutes' });
  }

  /** The asset's outcome once it is no longer processing; null while it is. */
  private async readyOutcome(context: RequestContext, id: string): Promise<Outcome<string> | null> {
    try {
      const asset = await this.rpc.send(MediaSubjects.get, { id }, context);
      return asset.status === 'processing' ? null : settled(asset);
    } catch (error) {
      return { reason: reasonOf(error, 'could not be read back') };
    }
  }
}

export function mediaSourceKey(source: MediaSource): string {
  return `${source.productId} ${source.url}`;
}

function settled(asset: { id: string; status: string; failureReason: string | null }): Outcome<string> {
  return asset.status === 'ready'
    ? { value: asset.id }
    : {
        reason: `could not be processed: ${asset.failureReason ?? 'the file is not a usable image or video'}`,
      };
}

/** A domain error's message is written for users; anything else is a failure the import reports plainly. */
function reasonOf(error: unknown, what: string): string {
  if (error instanceof DomainError) return `${what}: ${error.message}`;
  throw error;
}
