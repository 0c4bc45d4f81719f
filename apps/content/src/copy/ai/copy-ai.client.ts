import { Inject, Injectable } from '@nestjs/common';
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { CopyUsageView } from '@app/contracts';
import type { CopyDraft } from '../copy-draft.js';
import { InvalidAiAnswerError, parseAiAnswer } from './ai-answer.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { CopyRepository } from '../copy.repository.js';
import { type AiCopyRequest, promptMessages, responseFormat } from './copy-prompt.js';

/** The model could not give usable copy; `message` is safe to show (no keys, no prompt). */
export class AiCopyError extends Error {}

export interface AiCopyResult {
  drafts: Map<string, CopyDraft>;
  usage: CopyUsageView;
  model: string;
}

// The answer must reach the gateway before its generate request times out, with room to compose and store.
const REPLY_MARGIN_MS = 1500;

/**
 * Copy from any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp) with
 * structured JSON output. The SDK retries 408/409/429/5xx and timeouts with exponential backoff and
 * honours Retry-After; a concurrency limit keeps one content process from flooding the model; the
 * whole attempt, waiting included, ends before the bus deadline.
 */
@Injectable()
export class CopyAiClient {
  private readonly client: OpenAI | null;
  private readonly limit: ConcurrencyLimit;
  private readonly config: AppConfig['copy']['ai'];
  private readonly deadlineMs: number;

  constructor(
    @Inject(APP_CONFIG) appConfig: AppConfig,
    private readonly repository: CopyRepository,
  ) {
    this.config = appConfig.copy.ai;
    this.limit = new ConcurrencyLimit(this.config.concurrency);
    this.deadlineMs = Math.max(1000, appConfig.copy.generateTimeoutMs - REPLY_MARGIN_MS);
    this.client = this.isConfigured
      ? new OpenAI({
          baseURL: this.config.baseUrl,
          // Local servers (Ollama, llama.cpp) need no key, but the SDK insists on one.
          apiKey: this.config.apiKey ?? 'not-needed',
          organization: this.config.organization ?? null,
          project: null,
          timeout: this.config.timeoutMs,
          maxRetries: this.config.maxRetries,
        })
      : null;
  }

  /** A model is configured when a base URL or an API key is set. */
  get isConfigured(): boolean {
    return this.config.baseUrl !== undefined || this.config.apiKey !== undefined;
  }

  async generate(request: AiCopyRequest): Promise<AiCopyResult> {
    if (!this.client) throw new AiCopyError('no AI model is configured');
    const client = this.client;
    const signal = AbortSignal.timeout(this.deadlineMs);
    try {
      const completion = await this.limit.run(
        () =>
          client.chat.completions.create(
            {
              model: this.config.model,
              messages: promptMessages(request),
              response_format: responseFormat(request.platforms),
              temperature: 0.8,
            },
            { signal },
          ),
        signal,
      );
      const usage = {
        promptTokens: completion.usage?.prompt_tokens ?? 0,
        completionTokens: completion.usage?.completion_tokens ?? 0,
      };
      const model = completion.model || this.config.model;
      // Recorded as soon as the model answers: tokens of an answer that turns out unusable count too.
      await this.repository.recordUsage(request.workspaceId, model, usage);
      const message = completion.choices[0]?.message;
      if (message?.refusal) throw new AiCopyError('the model refused to write this copy');
      const drafts = parseAiAnswer(message?.content, request.platforms, request.variants);
      return { drafts, usage, model };
    } catch (error) {
      throw toAiCopyError(error, signal);
    }
  }
}

function toAiCopyError(error: unknown, deadline: AbortSignal): AiCopyError {
  if (error instanceof AiCopyError) return error;
  if (error instanceof InvalidAiAnswerError)
    return new AiCopyError(`the model's answer was invalid: ${error.message}`);
  if (deadline.aborted || error instanceof APIUserAbortError || error instanceof APIConnectionTimeoutError) {
    return new AiCopyError('the model did not answer in time');
  }
  // A connection error may be a timeout the SDK could not tell apart (an abort from another realm).
  if (error instanceof APIConnectionError) {
    return new AiCopyError('the model could not be reached or did not answer in time');
  }
  if (error instanceof APIError) return new AiCopyError(`the model answered HTTP ${error.status ?? 'error'}`);
  return new AiCopyError('the model request failed');
}
