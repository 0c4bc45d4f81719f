import { type CampaignTemplateDto, InvalidError } from '@app/contracts';
import { TEMPLATE_PLACEHOLDERS, unknownPlaceholders } from '@app/platform-rules';
import type { CampaignTemplate } from './campaign.entity.js';

/**
 * The bank's templates as stored: variants trimmed and unique (ignoring case), every `{name}` a known
 * placeholder. Anything else is a 400 naming the template.
 */
export function bankTemplates(templates: readonly CampaignTemplateDto[]): CampaignTemplate[] {
  const seen = new Set<string>();
  return templates.map(({ variant, text }, index) => {
    const label = variant.trim();
    if (seen.has(label.toLowerCase()))
      throw new InvalidError(`Two templates are labelled "${label}": each variant label must be unique`, {
        fields: [{ field: `templates.${index}.variant`, messages: ['must be unique in the campaign'] }],
      });
    seen.add(label.toLowerCase());
    const unknown = unknownPlaceholders(text);
    if (unknown.length > 0) {
      const known = TEMPLATE_PLACEHOLDERS.map((name) => `{${name}}`).join(', ');
      throw new InvalidError(`Template "${label}" uses {${unknown[0]}}; a template may use ${known}`, {
        fields: [{ field: `templates.${index}.text`, messages: [`unknown placeholder {${unknown[0]}}`] }],
      });
    }
    return { variant: label, text };
  });
}

/** An end must lie ahead; a past one would complete the campaign at once. */
export function endOf(endsAt: string | null | undefined): Date | null {
  if (endsAt === null || endsAt === undefined) return null;
  const at = new Date(endsAt);
  if (at.getTime() <= Date.now())
    throw new InvalidError('endsAt is in the past', {
      fields: [{ field: 'endsAt', messages: ['must be in the future'] }],
    });
  return at;
}
