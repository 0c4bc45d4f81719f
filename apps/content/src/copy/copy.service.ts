import { Injectable } from '@nestjs/common';
import {
  type CopyItemEditDto,
  type CopyItemView,
  type CopyPreviewView,
  type CopySetListView,
  type CopySetView,
  type GenerateCopyDto,
  InvalidError,
  NotFoundError,
  type PreviewCopyDto,
  type UpdateCopyDto,
} from '@app/contracts';
import { checkPost, rulesFor, type Violation } from '@app/platform-rules';
import { TransactionHost } from '@app/database';
import { ProductsRepository } from '../products/products.repository.js';
import type { RequestContext } from '@app/messaging';
import { checkEditedItem, copyRules, countedLinkFor, shortLinkFor } from './copy-composer.js';
import { CopyGenerator } from './copy-generator.js';
import { CopySettingsService } from './copy-settings.service.js';
import { toCopySetView } from './copy.mapper.js';
import { CopyRepository } from './copy.repository.js';
import { disclosureFor } from './disclosure.js';
import { productFacts } from './product-facts.js';

/** Copy's rules: who may generate and edit, what an edit may break (nothing), and versioning. */
@Injectable()
export class CopyService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: CopyRepository,
    private readonly products: ProductsRepository,
    private readonly generator: CopyGenerator,
    private readonly settings: CopySettingsService,
  ) {}

  /** Generates the product's next copy version; the model call happens before any row is locked. */
  async generate(context: RequestContext, productId: string, options: GenerateCopyDto): Promise<CopySetView> {
    const { workspaceId } = context.principal;
    const product = await this.products.findOne(workspaceId, productId);
    if (!product) throw new NotFoundError('Product');
    const settings = await this.settings.get(workspaceId);
    const generated = await this.generator.generate(workspaceId, productFacts(product), options, settings);
    const stored = await this.tx.run(async () => {
      // The lock orders concurrent generations of one product, so each gets its own version.
      if (!(await this.products.findOneForUpdate(workspaceId, productId))) throw new NotFoundError('Product');
      return this.repository.insertNextVersion({
        workspaceId,
        productId,
        mode: generated.options.mode,
        tone: generated.options.tone,
        language: generated.options.language,
        seed: generated.options.seed,
        items: generated.items,
        usage: generated.usage,
      });
    });
    return toCopySetView(stored);
  }

  async listForProduct(context: RequestContext, productId: string): Promise<CopySetListView> {
    const { workspaceId } = context.principal;
    if (!(await this.products.findOne(workspaceId, productId))) throw new NotFoundError('Product');
    const sets = await this.repository.listSets(workspaceId, productId);
    return { items: sets.map(toCopySetView) };
  }

  async get(context: RequestContext, id: string): Promise<CopySetView> {
    const set = await this.repository.findSet(context.principal.workspaceId, id);
    if (!set) throw new NotFoundError('Copy set');
    return toCopySetView(set);
  }

  /** Applies a user's edits; all are re-checked, and one that breaks a rule refuses the whole edit, naming it. */
  async update(context: RequestContext, id: string, patch: UpdateCopyDto): Promise<CopySetView> {
    const { workspaceId } = context.principal;
    const settings = await this.settings.get(workspaceId);
    const updated = await this.tx.run(async () => {
      const set = await this.repository.findSetForUpdate(workspaceId, id);
      if (!set) throw new NotFoundError('Copy set');
      const product = await this.products.findOne(workspaceId, set.productId);
      if (!product) throw new NotFoundError('Copy set');
      const facts = productFacts(product);
      const items = set.items.map((item) => ({ ...item }));
      const violations: Violation[] = [];
      for (const edit of patch.items) {
        const index = items.findIndex(
          (item) => item.platform === edit.platform && item.variant === edit.variant,
        );
        if (index < 0) throw noSuchItem(edit);
        assertFieldsExist(edit);
        const disclosure = disclosureFor(facts, edit.platform, settings);
        const checked = checkEditedItem(
          applyEdit(items[index] as CopyItemView, edit),
          disclosure,
          this.generator,
        );
        items[index] = checked.item;
        violations.push(...checked.violations);
      }
      if (violations.length > 0) throw ruleBroken(violations);
      return this.repository.updateItems(workspaceId, id, items);
    });
    return toCopySetView(updated);
  }

  /** The text as the platform will count it, the link as its tracked short form, with every broken rule. */
  preview(input: PreviewCopyDto): CopyPreviewView {
    const rules = copyRules(input.platform, this.generator.instagramHashtagCap);
    const withLink = (link: string) => (input.link ? `${input.text.trim()}\n\n${link}` : input.text);
    const text = withLink(this.generator.trackedLinkExample);
    const countedLink = countedLinkFor(rules, this.generator.trackedLinkExample);
    // The appended link is the tracked one; without it, publishing tracks the text's first URL.
    const check = checkPost({ text: withLink(countedLink), title: input.title }, rules, {
      hasMedia: input.hasMedia ?? false,
      shortLink: shortLinkFor(rules, this.generator.trackedLinkExample, input.link ? countedLink : null),
    });
    return { platform: input.platform, text, metrics: check.metrics, violations: check.violations };
  }
}

function applyEdit(item: CopyItemView, edit: CopyItemEditDto): CopyItemView {
  return {
    ...item,
    ...(edit.text !== undefined && { text: edit.text }),
    ...(edit.title !== undefined && { title: edit.title }),
    ...(edit.altText !== undefined && { altText: edit.altText }),
    ...(edit.tags !== undefined && { tags: edit.tags }),
  };
}

/** A title, alt text or tags only where the platform has them. */
function assertFieldsExist(edit: CopyItemEditDto): void {
  const rules = rulesFor(edit.platform);
  const fields = { title: rules.title, altText: rules.altText, tags: rules.tags };
  for (const [field, rule] of Object.entries(fields)) {
    if (edit[field as keyof typeof fields] === undefined || rule !== undefined) continue;
    const message = `${rules.label} posts have no ${field}`;
    throw new InvalidError(message, { fields: [{ field: `items.${field}`, messages: [message] }] });
  }
}

function noSuchItem(edit: CopyItemEditDto): InvalidError {
  const message = `this copy set has no ${edit.platform} variant ${edit.variant}`;
  return new InvalidError(message, { fields: [{ field: 'items', messages: [message] }] });
}

function ruleBroken(violations: Violation[]): InvalidError {
  const message = violations.map((violation) => `${violation.rule}: ${violation.message}`).join('; ');
  return new InvalidError(`The edit breaks platform rules: ${message}`, { violations });
}
