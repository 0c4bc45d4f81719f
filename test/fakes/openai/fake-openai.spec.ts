import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import OpenAI from 'openai';
import { type FakeOpenAi, startFakeOpenAi } from './fake-openai.server.js';
import type { JsonSchema } from './json-schema.js';

// The fake is exercised through the real openai SDK, so what it accepts is what the SDK sends.
const MODEL = 'test-model';
const API_KEY = 'sk-test-123';
const SCHEMA: JsonSchema = {
  type: 'object',
  properties: { text: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
  required: ['text', 'tags'],
  additionalProperties: false,
};
const FORMAT = {
  type: 'json_schema' as const,
  json_schema: { name: 'copy', strict: true, schema: { ...SCHEMA } },
};
const MESSAGES = [
  { role: 'system' as const, content: 'You write captions.' },
  { role: 'user' as const, content: 'A mug.' },
];

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi({ model: MODEL, apiKey: API_KEY });
});
afterAll(() => fake.close());

function client(options: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}): OpenAI {
  return new OpenAI({
    baseURL: fake.baseUrl,
    apiKey: API_KEY,
    organization: 'org-1',
    maxRetries: 0,
    ...options,
  });
}

const ask = (openai: OpenAI, model = MODEL, format: object = FORMAT) =>
  openai.chat.completions.create({ model, messages: MESSAGES, response_format: format as typeof FORMAT });

describe('fake OpenAI-compatible server', () => {
  it('answers a well-formed structured-output request and records it', async () => {
    fake.enqueue({
      kind: 'valid',
      content: () => ({ text: 'Hi', tags: ['mug'] }),
      usage: { prompt: 12, completion: 3 },
    });
    const before = fake.requests.length;
    const completion = await ask(client());
    expect(JSON.parse(completion.choices[0]!.message.content!)).toEqual({ text: 'Hi', tags: ['mug'] });
    expect(completion.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 });
    const recorded = fake.requests[before]!;
    expect(recorded.body.model).toBe(MODEL);
    expect(recorded.body.messages).toEqual(MESSAGES);
    expect(recorded.headers['openai-organization']).toBe('org-1');
  });

  it('refuses what OpenAI refuses: a wrong key, an unknown model, a non-strict-compatible schema', async () => {
    await expect(ask(client({ apiKey: 'wrong' }))).rejects.toMatchObject({
      status: 401,
      code: 'invalid_api_key',
    });
    await expect(ask(client(), 'gpt-unknown')).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
    });
    const loose = {
      ...FORMAT,
      json_schema: { ...FORMAT.json_schema, schema: { ...SCHEMA, additionalProperties: true } },
    };
    await expect(ask(client(), MODEL, loose)).rejects.toMatchObject({ status: 400 });
    await expect(ask(client(), MODEL, { type: 'text' })).rejects.toMatchObject({ status: 400 });
  });

  it('says so when a test answers outside the schema', async () => {
    fake.enqueue({ kind: 'valid', content: () => ({ text: 1 }) });
    await expect(ask(client())).rejects.toMatchObject({ status: 500 });
  });

  it('sends 429 with Retry-After, which the SDK waits for before it retries', async () => {
    fake.enqueue(
      { kind: 'rateLimited', retryAfterSec: 1 },
      { kind: 'valid', content: () => ({ text: 'ok', tags: [] }) },
    );
    const before = fake.requests.length;
    await ask(client({ maxRetries: 1 }));
    const [limited, retried] = fake.requests.slice(before);
    expect(retried!.receivedAt - limited!.receivedAt).toBeGreaterThanOrEqual(900);
  });

  it('answers 500, invalid content and slow responses on demand', async () => {
    fake.enqueue({ kind: 'serverError' });
    await expect(ask(client())).rejects.toMatchObject({ status: 500 });
    fake.enqueue({ kind: 'invalid' });
    const invalid = await ask(client());
    expect(() => JSON.parse(invalid.choices[0]!.message.content!)).toThrow();
    fake.enqueue({ kind: 'slow', delayMs: 2000, content: () => ({ text: 'late', tags: [] }) });
    await expect(ask(client({ timeout: 200 }))).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
  });
});
