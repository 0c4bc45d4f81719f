import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type JsonSchema, schemaErrors, strictSchemaProblems } from './json-schema.js';

/** One chat message as the Chat Completions API takes it. */
export interface ChatMessage {
  role: string;
  content: unknown;
}

/** A request the fake accepted as well-formed, as the test may inspect it. */
export interface ChatRequest {
  headers: IncomingMessage['headers'];
  body: {
    model: string;
    messages: ChatMessage[];
    response_format: {
      type: 'json_schema';
      json_schema: { name: string; schema: JsonSchema; strict?: boolean };
    };
    [key: string]: unknown;
  };
  receivedAt: number;
}

/**
 * What the fake answers next:
 * - `valid`: 200 with `content(request)` as the JSON message, checked against the request's schema first;
 * - `invalid`: 200 with a message that is not what the schema asks for (`text` or a broken JSON);
 * - `slow`: like `valid`, after `delayMs`;
 * - `rateLimited`: 429 with `Retry-After: retryAfterSec`;
 * - `serverError`: 500.
 */
export type Scenario =
  | {
      kind: 'valid';
      content: (request: ChatRequest) => unknown;
      usage?: { prompt: number; completion: number };
    }
  | { kind: 'invalid'; text?: string }
  | { kind: 'slow'; delayMs: number; content: (request: ChatRequest) => unknown }
  | { kind: 'rateLimited'; retryAfterSec: number }
  | { kind: 'serverError' };

export interface FakeOpenAiOptions {
  /** The only model the fake serves; others get OpenAI's 404 model_not_found. */
  model: string;
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
}

export interface FakeOpenAi {
  /** The base URL to configure (OPENAI_BASE_URL), ending in /v1. */
  baseUrl: string;
  /** Every well-formed request, in order of arrival. */
  requests: ChatRequest[];
  /** Every request refused as malformed, with the reason. */
  rejected: Array<{ status: number; message: string }>;
  /** Queues answers for the next requests; once the queue is empty, `fallback` answers. */
  enqueue(...scenarios: Scenario[]): void;
  /** Forgets queued answers a test did not use, so they cannot leak into the next one. */
  clearQueue(): void;
  fallback: Scenario;
  close(): Promise<void>;
}

const ROLES = new Set(['system', 'developer', 'user', 'assistant']);
const SCHEMA_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** A local OpenAI-compatible Chat Completions server that enforces the request contract of structured output. */
export async function startFakeOpenAi(options: FakeOpenAiOptions): Promise<FakeOpenAi> {
  const queue: Scenario[] = [];
  const open = new Set<ServerResponse>();
  const fake: FakeOpenAi = {
    baseUrl: '',
    requests: [],
    rejected: [],
    enqueue: (...scenarios) => queue.push(...scenarios),
    clearQueue: () => queue.splice(0),
    fallback: { kind: 'serverError' },
    close: () => closeServer(server, open),
  };
  const server = createServer((request, response) => {
    open.add(response);
    response.once('close', () => open.delete(response));
    void handle(request, response, options, fake, () => queue.shift() ?? fake.fallback);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: FakeOpenAiOptions,
  fake: FakeOpenAi,
  next: () => Scenario,
): Promise<void> {
  const refuse = (status: number, message: string, type: string, code: string | null = null) => {
    fake.rejected.push({ status, message });
    send(response, status, { error: { message, type, param: null, code } });
  };
  if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
    return refuse(
      404,
      `Unknown request URL: ${request.method} ${request.url}`,
      'invalid_request_error',
      'unknown_url',
    );
  }
  if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) {
    return refuse(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
  }
  const raw = await readBody(request);
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return refuse(400, 'We could not parse the JSON body of your request.', 'invalid_request_error');
  }
  const problem = requestProblem(body);
  if (problem) return refuse(400, problem, 'invalid_request_error');
  const chat = { headers: request.headers, body, receivedAt: Date.now() } as ChatRequest;
  if (chat.body.model !== options.model) {
    return refuse(
      404,
      `The model \`${chat.body.model}\` does not exist or you do not have access to it.`,
      'invalid_request_error',
      'model_not_found',
    );
  }
  fake.requests.push(chat);
  await answer(response, chat, next());
}

/** Why a body is not a valid structured-output chat request (OpenAI's 400), or undefined. */
function requestProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'The request body must be a JSON object.';
  const { model, messages, response_format: format } = body as Record<string, unknown>;
  if (typeof model !== 'string' || model === '') return 'you must provide a model parameter';
  if (!Array.isArray(messages) || messages.length === 0) return "'messages' must be a non-empty array";
  for (const [index, message] of messages.entries()) {
    const { role, content } = (message ?? {}) as Record<string, unknown>;
    if (typeof role !== 'string' || !ROLES.has(role)) return `Invalid value for 'messages[${index}].role'.`;
    if (typeof content !== 'string' || content === '')
      return `Invalid 'messages[${index}].content': expected a non-empty string.`;
  }
  if (typeof format !== 'object' || format === null)
    return "This fake serves structured output only: 'response_format' is required.";
  const { type, json_schema: jsonSchema } = format as Record<string, unknown>;
  if (type !== 'json_schema') return "Invalid 'response_format.type': expected 'json_schema'.";
  const { name, schema, strict } = (jsonSchema ?? {}) as Record<string, unknown>;
  if (typeof name !== 'string' || !SCHEMA_NAME.test(name))
    return "Invalid 'response_format.json_schema.name'.";
  if (typeof schema !== 'object' || schema === null) return "Missing 'response_format.json_schema.schema'.";
  if (strict === true) {
    const problems = strictSchemaProblems(schema as JsonSchema);
    if (problems.length > 0) return `Invalid schema for response_format '${name}': ${problems.join('; ')}`;
  }
  return undefined;
}

async function answer(response: ServerResponse, chat: ChatRequest, scenario: Scenario): Promise<void> {
  switch (scenario.kind) {
    case 'rateLimited':
      response.setHeader('retry-after', String(scenario.retryAfterSec));
      return send(response, 429, {
        error: {
          message: 'Rate limit reached for requests',
          type: 'requests',
          param: null,
          code: 'rate_limit_exceeded',
        },
      });
    case 'serverError':
      return send(response, 500, {
        error: {
          message: 'The server had an error while processing your request.',
          type: 'server_error',
          param: null,
          code: null,
        },
      });
    case 'invalid':
      return send(
        response,
        200,
        completion(chat, scenario.text ?? '{"items": [{"platform": "x"', { prompt: 50, completion: 10 }),
      );
    case 'slow':
      await delay(response, scenario.delayMs);
      if (response.destroyed) return;
      return answerValid(response, chat, scenario.content, { prompt: 100, completion: 50 });
    case 'valid':
      return answerValid(response, chat, scenario.content, scenario.usage ?? { prompt: 100, completion: 50 });
  }
}

function answerValid(
  response: ServerResponse,
  chat: ChatRequest,
  content: (request: ChatRequest) => unknown,
  usage: { prompt: number; completion: number },
): void {
  const value = content(chat);
  // Structured output guarantees the schema; a test whose answer breaks it is a broken test, so say so.
  const errors = schemaErrors(chat.body.response_format.json_schema.schema, value);
  if (errors.length > 0) {
    return send(response, 500, {
      error: {
        message: `fake misuse: answer breaks the schema: ${errors.join('; ')}`,
        type: 'fake_misuse',
        param: null,
        code: null,
      },
    });
  }
  send(response, 200, completion(chat, JSON.stringify(value), usage));
}

function completion(chat: ChatRequest, content: string, usage: { prompt: number; completion: number }) {
  return {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: chat.body.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
    },
  };
}

/** Waits, but no longer than the client stays connected (so closing the fake leaves no timer behind). */
function delay(response: ServerResponse, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    response.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function closeServer(server: Server, open: Set<ServerResponse>): Promise<void> {
  for (const response of open) response.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}
