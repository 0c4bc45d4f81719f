import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  type CopyItemView,
  type CopyLanguage,
  type CopyMode,
  type CopySettingsView,
  type CopyTone,
  type CopyUsageView,
  type GenerateCopyDto,
  InvalidError,
  shortLinkStandIn,
  UpstreamError,
} from '@app/contracts';
import type { Platform } from '@app/platform-rules';
import { AiCopyError, type AiCopyResult, CopyAiClient } from './ai/copy-ai.client.js';
import { draftKey } from './ai/ai-answer.js';
import { type ComposeContext, composeItem, copyRules } from './copy-composer.js';
import { disclosureFor } from './disclosure.js';
import { hashtagCandidates } from './hashtag-generator.js';
import { tagCandidates } from './listing-tags.js';
import type { ProductFacts } from './product-facts.js';
import { TEMPLATE_LANGUAGES } from './templates/languages.js';
import { hashSeed } from './templates/seeded-random.js';
import { templateDraft } from './templates/template-engine.js';

/** The options of a request with every default applied. */
export interface ResolvedCopyOptions {
  platforms: Platform[];
  variants: number;
  tone: CopyTone;
  language: CopyLanguage;
  mode: CopyMode;
  seed: number;
  callToAction?: string;
}

export interface GeneratedCopy {
  options: ResolvedCopyOptions;
  items: CopyItemView[];
  usage: CopyUsageView | null;
  model: string | null;
}

/** Writes a set of copy: AI drafts when asked and available, templates otherwise, all fitted to the rules. */
@Injectable()
export class CopyGenerator {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ai: CopyAiClient,
  ) {}

  /**
   * A stand-in of the tracked short link that publishing puts in place of the product's URL, as long as the real
   * one: `<LINK_BASE_URL>/l/<code>`, with analytics' LINK_CODE_LENGTH characters of code.
   */
  get trackedLinkExample(): string {
    return shortLinkStandIn(this.config.links.baseUrl);
  }

  get instagramHashtagCap(): number {
    return this.config.copy.instagramHashtagCap;
  }

  /** Copy for every platform and variant of the request; model tokens are counted against `workspaceId`. */
  async generate(
    workspaceId: string,
    facts: ProductFacts,
    dto: GenerateCopyDto,
    settings: CopySettingsView,
  ): Promise<GeneratedCopy> {
    const options = resolveOptions(facts, dto);
    const hashtagTarget = (platform: Platform) =>
      dto.hashtags?.max ?? copyRules(platform, this.instagramHashtagCap).hashtagTarget;
    const { result, warning } = await this.tryAi(workspaceId, options, facts, hashtagTarget);
    const language = TEMPLATE_LANGUAGES[options.language];
    const templateHashtags = hashtagCandidates(
      facts,
      language,
      this.config.copy.seasonalHashtags,
      dto.hashtags,
    );
    const items: CopyItemView[] = [];
    for (const platform of options.platforms) {
      for (let variant = 1; variant <= options.variants; variant += 1) {
        const aiDraft = result?.drafts.get(draftKey(platform, variant));
        const draft =
          aiDraft ??
          templateDraft({
            facts,
            platform,
            tone: options.tone,
            language,
            variant: variant - 1,
            seed: options.seed,
            callToAction: options.callToAction,
          });
        const context: ComposeContext = {
          platform,
          variant,
          source: aiDraft ? 'ai' : 'template',
          link: facts.destinationUrl,
          disclosure: disclosureFor(facts, platform, settings),
          hashtags: aiDraft
            ? hashtagCandidates(facts, language, this.config.copy.seasonalHashtags, {
                ...dto.hashtags,
                include: [...(dto.hashtags?.include ?? []), ...(aiDraft.hashtags ?? [])],
              })
            : templateHashtags,
          hashtagTarget: hashtagTarget(platform),
          tagCandidates: tagCandidates(facts),
          trackedLinkExample: this.trackedLinkExample,
          instagramHashtagCap: this.instagramHashtagCap,
          warnings: warning ? [warning] : [],
        };
        items.push(composeItem(draft, context));
      }
    }
    return { options, items, usage: result?.usage ?? null, model: result?.model ?? null };
  }

  /** AI drafts when the mode asks for them; in `auto` a failure becomes a warning and templates take over. */
  private async tryAi(
    workspaceId: string,
    options: ResolvedCopyOptions,
    facts: ProductFacts,
    hashtagTarget: (platform: Platform) => number,
  ): Promise<{ result?: AiCopyResult; warning?: string }> {
    if (options.mode === 'template') return {};
    if (!this.ai.isConfigured) {
      if (options.mode === 'auto') return {};
      const message =
        'mode "ai" needs an AI model: set OPENAI_BASE_URL or OPENAI_API_KEY, or use mode "auto" or "template"';
      throw new InvalidError(message, { fields: [{ field: 'mode', messages: [message] }] });
    }
    try {
      const result = await this.ai.generate({ ...options, workspaceId, facts, hashtagTarget });
      return { result };
    } catch (error) {
      if (!(error instanceof AiCopyError)) throw error;
      if (options.mode === 'ai') throw new UpstreamError(`AI copy generation failed: ${error.message}`);
      return { warning: `AI copy was not available (${error.message}); template copy was used instead` };
    }
  }
}

function resolveOptions(facts: ProductFacts, dto: GenerateCopyDto): ResolvedCopyOptions {
  return {
    platforms: dto.platforms,
    variants: dto.variants ?? 1,
    tone: dto.tone ?? 'friendly',
    language: dto.language ?? 'en',
    mode: dto.mode ?? 'auto',
    seed: dto.seed ?? hashSeed(facts.id) % 2_147_483_647,
    ...(dto.callToAction !== undefined && { callToAction: dto.callToAction }),
  };
}
