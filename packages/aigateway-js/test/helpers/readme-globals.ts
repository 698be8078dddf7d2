// The ambient names README snippets take from their surroundings: an SDK client, the values a
// reader's app already has (`messages`, a sub-account, a raw body…) and a web framework's `app`
// (Express, Hono and Fastify, typed after their documented shapes). A global script, so a
// snippet's own declarations and imports shadow these names.
export const README_GLOBALS = `
type SDK = typeof import('aigateway-js');
type Webhooks = typeof import('aigateway-js/webhooks');
type IncomingHttpHeaders = import('node:http').IncomingHttpHeaders;

declare const AIgateway: SDK['AIgateway'];
type AIgateway = import('aigateway-js').AIgateway;
declare const verifyWebhook: Webhooks['verifyWebhook'];
declare const verifyWebhookAsync: Webhooks['verifyWebhookAsync'];
declare const WebhookVerificationError: Webhooks['WebhookVerificationError'];
type WebhookVerificationError = import('aigateway-js/webhooks').WebhookVerificationError;
type WebhookEvent = import('aigateway-js').WebhookEvent;
type JobCompletedEvent = import('aigateway-js').JobCompletedEvent;
type JobFailedEvent = import('aigateway-js').JobFailedEvent;

// The app's own values.
declare const client: AIgateway;
declare const customer: AIgateway;
declare const subAccount: import('aigateway-js').SubAccountWithKey;
declare const model: string;
declare const messages: import('aigateway-js').ChatCompletionMessageParam[];
declare const params: import('aigateway-js').ChatCompletionCreateParamsNonStreaming;
declare const userKey: string;
declare const customerKey: string;
declare const traceId: string;
declare const url: string;
declare const dataUrl: string;
declare const documents: string[];
declare const buffer: Buffer;
declare const blob: Blob;
declare const done: import('aigateway-js').CompletedJob;
declare const job: import('aigateway-js').Job;
declare const controller: AbortController;
declare const rawBody: string;
declare const headers: Headers;
declare const secret: string;
declare const request: Request;
declare const gw: import('aigateway-emulator').RunningEmulator;
declare const fs: typeof import('node:fs');
declare function notifyOwner(subAccountId: string | undefined, resetsAt: Date | undefined): void;
declare function handle(resultUrl: string): void;

// Express (express.raw() leaves a Buffer in req.body).
interface ExpressRequest { body: Buffer; headers: IncomingHttpHeaders }
interface ExpressResponse { sendStatus(status: number): void }
type ExpressMiddleware = (req: ExpressRequest, res: ExpressResponse, next: () => void) => void;
declare const express: { raw(options: { type: string }): ExpressMiddleware };
// Hono.
interface HonoContext {
  req: { text(): Promise<string>; raw: Request };
  env: { AIGATEWAY_WEBHOOK_SECRET: string };
  body(data: null, status: number): Response;
}
// Fastify.
interface FastifyRequest { body: unknown; headers: IncomingHttpHeaders }
interface FastifyReply { code(status: number): { send(): FastifyReply } }
interface FastifyInstance {
  addContentTypeParser(
    type: string,
    options: { parseAs: 'buffer' },
    parser: (req: FastifyRequest, body: Buffer, done: (error: Error | null, body: Buffer) => void) => void,
  ): void;
  post(path: string, handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>): void;
}
declare const app: {
  post(path: string, middleware: ExpressMiddleware, handler: (req: ExpressRequest, res: ExpressResponse) => void): void;
  post(path: string, handler: (c: HonoContext) => Promise<Response>): void;
  register(plugin: (instance: FastifyInstance) => Promise<void>): void;
};
`;
