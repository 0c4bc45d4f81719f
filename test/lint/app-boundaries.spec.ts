import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import { join } from 'node:path';

const eslint = new ESLint({ cwd: join(import.meta.dirname, '..', '..') });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((message) => message.ruleId ?? 'fatal');
}

describe('app boundaries', () => {
  it("forbids an app importing another app's code", async () => {
    const code =
      "import { AuthModule } from '../../auth/src/auth.module.js';\nexport const x = AuthModule;\n";
    expect(await ruleIdsFor('apps/content/src/products/x.ts', code)).toContain('no-restricted-imports');
  });

  it('lets an app import libs and its own files', async () => {
    const code =
      "import { canWrite } from '@app/contracts';\nimport { y } from './y.js';\nexport const x = [canWrite, y];\n";
    expect(await ruleIdsFor('apps/content/src/products/x.ts', code)).toEqual([]);
  });

  it('lets the standalone entry point compose the apps', async () => {
    const code =
      "import { AuthModule } from '../../auth/src/auth.module.js';\nexport const x = AuthModule;\n";
    expect(await ruleIdsFor('apps/standalone/src/x.ts', code)).toEqual([]);
  });

  it('keeps process.env inside the config lib', async () => {
    const code = 'export const port = process.env.PORT;\n';
    expect(await ruleIdsFor('apps/gateway/src/x.ts', code)).toContain('no-restricted-properties');
    expect(await ruleIdsFor('libs/config/src/x.ts', code)).toEqual([]);
  });
});
