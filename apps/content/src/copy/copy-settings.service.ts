import { Injectable } from '@nestjs/common';
import { type CopySettingsDto, type CopySettingsView, InvalidError } from '@app/contracts';
import type { RequestContext } from '@app/messaging';
import { toCopySettingsView } from './copy.mapper.js';
import { CopyRepository } from './copy.repository.js';

/** A workspace's copy settings: the affiliate disclosure, by default and per platform. */
@Injectable()
export class CopySettingsService {
  constructor(private readonly repository: CopyRepository) {}

  async get(workspaceId: string): Promise<CopySettingsView> {
    return toCopySettingsView(await this.repository.findSettings(workspaceId));
  }

  /** Replaces the settings; one wording per platform. */
  async put(context: RequestContext, input: CopySettingsDto): Promise<CopySettingsView> {
    const platformDisclosures = (input.platformDisclosures ?? []).map((entry) => ({
      platform: entry.platform,
      disclosure: entry.disclosure.trim(),
    }));
    const platforms = platformDisclosures.map((entry) => entry.platform);
    const repeated = platforms.find((platform, index) => platforms.indexOf(platform) !== index);
    if (repeated) {
      const message = `platformDisclosures has ${repeated} more than once; give one disclosure per platform`;
      throw new InvalidError(message, { fields: [{ field: 'platformDisclosures', messages: [message] }] });
    }
    const blank = [input.defaultDisclosure, ...platformDisclosures.map((entry) => entry.disclosure)].some(
      (text) => text.trim() === '',
    );
    if (blank) {
      const message = 'a disclosure cannot be blank';
      throw new InvalidError(message, { fields: [{ field: 'defaultDisclosure', messages: [message] }] });
    }
    const saved = await this.repository.saveSettings(
      context.principal.workspaceId,
      input.defaultDisclosure.trim(),
      platformDisclosures,
    );
    return toCopySettingsView(saved);
  }
}
