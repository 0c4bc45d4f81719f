import { Test } from '@nestjs/testing';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { CopyAiClient } from '../src/copy/ai/copy-ai.client.js';
import { CopyGenerator } from '../src/copy/copy-generator.js';
import { CopyRepository } from '../src/copy/copy.repository.js';

/**
 * A CopyGenerator wired as in the service, without a database: for specs of template copy. The config
 * must configure no model, since the repository that records model tokens is absent.
 */
export async function templateGenerator(config: AppConfig): Promise<CopyGenerator> {
  if (config.copy.ai.baseUrl !== undefined || config.copy.ai.apiKey !== undefined) {
    throw new Error('templateGenerator is for configs without an AI model');
  }
  const moduleRef = await Test.createTestingModule({
    providers: [
      CopyGenerator,
      CopyAiClient,
      { provide: APP_CONFIG, useValue: config },
      { provide: CopyRepository, useValue: {} },
    ],
  }).compile();
  return moduleRef.get(CopyGenerator);
}
