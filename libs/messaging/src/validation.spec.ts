import { describe, expect, it } from '@jest/globals';
import { DomainError, OAuthCallbackQuery, OAuthCallbackRequest, PrefillFromUrlDto } from '@app/contracts';
import {
  DtoValidationPipe,
  invalidFromValidationErrors,
  VALIDATION_OPTIONS,
  validateDto,
} from './validation.js';

const pipe = new DtoValidationPipe({
  ...VALIDATION_OPTIONS,
  transform: true,
  exceptionFactory: (errors) => invalidFromValidationErrors(errors),
});
const asQuery = (metatype: new () => object) => ({ type: 'query' as const, metatype, data: undefined });

describe('unknown fields', () => {
  it("are dropped from an OAuth redirect's query, which the platform writes", async () => {
    const tiktok = { code: 'c0de', scopes: 'user.info.basic,video.upload', state: 's.t' };
    expect({ ...(await pipe.transform(tiktok, asQuery(OAuthCallbackQuery))) }).toEqual({
      code: 'c0de',
      state: 's.t',
    });
    const metaDenial = {
      error: 'access_denied',
      error_code: '200',
      error_reason: 'user_denied',
      state: 's.t',
    };
    expect({ ...(await pipe.transform(metaDenial, asQuery(OAuthCallbackQuery))) }).toEqual({
      error: 'access_denied',
      state: 's.t',
    });
    const request = await validateDto(OAuthCallbackRequest, {
      ...tiktok,
      platform: 'tiktok',
      browserBinding: 'b1nd',
    });
    expect({ ...request }).toEqual({
      code: 'c0de',
      state: 's.t',
      platform: 'tiktok',
      browserBinding: 'b1nd',
    });
  });

  it('still fail the declared fields of an OAuth redirect', async () => {
    await expect(pipe.transform({ code: 'c0de', scopes: 'x' }, asQuery(OAuthCallbackQuery))).rejects.toThrow(
      /state/,
    );
  });

  it('are refused everywhere else, by the pipe and on the bus', async () => {
    const body = { url: 'https://shop.example/lamp', extra: 1 };
    const refusal = await pipe
      .transform(body, { ...asQuery(PrefillFromUrlDto), type: 'body' })
      .catch((e) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as Error).message).toMatch(/extra should not exist/);
    await expect(validateDto(PrefillFromUrlDto, body)).rejects.toThrow(/extra should not exist/);
  });
});
