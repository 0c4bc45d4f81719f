import type { CopyLanguage } from '@app/contracts';
import { EN } from './en.js';
import type { TemplateLanguage } from './template-language.js';

/** Every language with templates; add one here and to COPY_LANGUAGES. */
export const TEMPLATE_LANGUAGES: Readonly<Record<CopyLanguage, TemplateLanguage>> = { en: EN };
