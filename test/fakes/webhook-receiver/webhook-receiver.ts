import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  id: string;
  payload: unknown;
}

/**
 * A Zapier/Make-like receiver that verifies Standard Webhooks signatures (id, timestamp, signature) with
 * the secret it was given, answers 401 to anything unsigned or altered, and dedupes by webhook-id.
 */
export class WebhookReceiver {
  readonly accepted: ReceivedWebhook[] = [];
  readonly refused: Array<{ reason: string }> = [];
  private server?: Server;
  private secret?: string;
  /** Statuses to answer the next deliveries with, as a receiver that is failing would. */
  private readonly failures: number[] = [];
  url = '';

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void readBody(request).then((body) => {
        const status = this.failures.shift() ?? this.receive(request, body);
        response.writeHead(status, { 'content-type': 'application/json' });
        const last = this.accepted.at(-1);
        response.end(
          status === 200 && last
            ? JSON.stringify({ id: `hook-${last.id}`, url: `https://hooks.example.com/runs/${last.id}` })
            : '{}',
        );
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/shopcast`;
    return this.url;
  }

  /** Answers the next delivery with `status` instead of accepting it. */
  failNext(status: number): void {
    this.failures.push(status);
  }

  /** The secret Shopcast showed once when the connection was created. */
  useSecret(secret: string): void {
    this.secret = secret;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private receive(request: IncomingMessage, body: Buffer): number {
    if (!this.secret) return this.refuse('no secret configured');
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([key, value]) => [key, String(value)]),
    );
    try {
      const payload = new Webhook(this.secret).verify(body, headers);
      const id = headers['webhook-id'];
      if (!this.accepted.some((hook) => hook.id === id)) this.accepted.push({ id, payload });
      return 200;
    } catch (error) {
      return this.refuse((error as Error).message);
    }
  }

  private refuse(reason: string): number {
    this.refused.push({ reason });
    return 401;
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
