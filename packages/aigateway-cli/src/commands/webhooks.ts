import type { Command } from 'commander';
import { commander } from '../core/commander.js';
import type { DefineCommand } from '../command-manifest.js';
import { readDotenv } from '../core/credentials.js';
import { readInputFile, readStream } from '../core/files.js';
import { withExamples } from '../core/help.js';
import { parseHttpURL, parseInteger } from '../core/parse.js';
import { CliError, missingInput } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { Runtime } from '../runtime.js';
import { describeDelivery, toDelivery } from '../webhooks/describe.js';

interface VerifyOptions {
  secret?: string;
  signature?: string;
  bodyFile?: string;
  eventType?: string;
  deliveryId?: string;
  attempt?: string;
  tolerance?: string;
}

interface ListenOptions {
  secret?: string;
  port: string;
  forwardTo?: string;
  tolerance?: string;
}

/** `--secret`, else AIGATEWAY_WEBHOOK_SECRET in the environment, else in `.env`. */
async function webhookSecret(rt: Runtime, flag: string | undefined): Promise<string> {
  const secret =
    flag ?? (rt.io.env.AIGATEWAY_WEBHOOK_SECRET || (await readDotenv(rt.io.cwd)).AIGATEWAY_WEBHOOK_SECRET);
  if (!secret) throw missingInput('webhook signing secret', '--secret (or set AIGATEWAY_WEBHOOK_SECRET)');
  rt.out.redact(secret);
  return secret;
}

function statusOf(body: Buffer): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const status = (parsed as { status?: unknown } | null)?.status;
    return typeof status === 'string' ? status : undefined;
  } catch {
    return undefined;
  }
}

async function verify(rt: Runtime, options: VerifyOptions): Promise<void> {
  const secret = await webhookSecret(rt, options.secret);
  if (!options.signature)
    throw missingInput('signature', '--signature "t=…,v1=…" (the x-aig-signature header)');
  if (!options.bodyFile) throw missingInput('body', '--body-file PATH (or - for stdin)');
  const tolerance =
    options.tolerance === undefined ? undefined : parseInteger(options.tolerance, '--tolerance', 0);
  const attempt = options.attempt ?? '1';
  const body =
    options.bodyFile === '-'
      ? await readStream(rt.io.stdin)
      : await readInputFile(options.bodyFile, '--body-file', rt.io.cwd);
  // Only the signature covers the body; the other delivery headers default to what the body implies.
  const headers = {
    'x-aig-signature': options.signature,
    'x-aig-event-type': options.eventType ?? (statusOf(body) === 'failed' ? 'job.failed' : 'job.completed'),
    'x-aig-delivery-id': options.deliveryId ?? 'manual-verify',
    'x-aig-attempt': attempt,
  };
  const { verifyWebhook, WebhookVerificationError } = await import('aigateway-js/webhooks');
  let event: ReturnType<typeof verifyWebhook>;
  try {
    event = verifyWebhook(body, headers, secret, tolerance === undefined ? undefined : { tolerance });
  } catch (error) {
    // The SDK's advice for a stale signature names its `now` option; here the knob is --tolerance.
    if (error instanceof WebhookVerificationError && error.reason === 'timestamp_outside_tolerance') {
      throw staleSignature(options.signature, tolerance ?? 300);
    }
    throw error;
  }
  const delivery = toDelivery(event);
  if (rt.out.json) rt.out.result(delivery);
  else rt.out.line(describeDelivery(delivery, rt.out.c));
}

/** A signature outside the tolerance, explained with the flags that fix it. */
function staleSignature(header: string, tolerance: number): CliError {
  const t = Number(/(?:^|,)\s*t=(\d+)/.exec(header)?.[1]);
  const age = Number.isFinite(t) ? Math.round(Date.now() / 1000 - t) : undefined;
  const when =
    age === undefined ? 'outside' : age >= 0 ? `${age} s ago, more than` : `${-age} s in the future, beyond`;
  return new CliError(
    `The signature was made ${when} the ${tolerance} s tolerance (t=${Number.isFinite(t) ? t : '?'}), so it may be a ` +
      'replay. To verify a stored delivery, pass --tolerance 0 (or the age in seconds); if this clock is wrong, ' +
      'sync it (NTP).',
    { code: 'timestamp_outside_tolerance', exitCode: ExitCode.Auth },
  );
}

async function listen(rt: Runtime, options: ListenOptions): Promise<void> {
  const secret = await webhookSecret(rt, options.secret);
  const port = parseInteger(options.port, '--port', 0, 65535);
  const tolerance =
    options.tolerance === undefined ? undefined : parseInteger(options.tolerance, '--tolerance', 0);
  const forwardTo =
    options.forwardTo === undefined ? undefined : parseHttpURL(options.forwardTo, '--forward-to');
  const { startListener } = await import('../webhooks/listener.js');
  await startListener(rt, { secret, port, forwardTo, tolerance });
}

export const define: DefineCommand = (command, ctx) => {
  command.description(
    'Verify AIgateway webhook signatures, or run a local receiver that verifies and prints deliveries.',
  );
  const secretOption = () =>
    new commander.Option(
      '--secret <secret>',
      'endpoint signing secret (default: AIGATEWAY_WEBHOOK_SECRET, then .env)',
    );

  const verifyCmd: Command = command
    .command('verify')
    .description('Check one delivery: exit 0 when the signature is valid, 3 with the reason when not.')
    .addOption(secretOption())
    .option('--signature <header>', 'the x-aig-signature header, "t=<unix>,v1=<hex>"')
    .option('--body-file <path>', 'the raw body exactly as received ("-" reads stdin)')
    .option('--event-type <type>', 'x-aig-event-type (default: from the body status)')
    .option('--delivery-id <id>', 'x-aig-delivery-id (default: manual-verify)')
    .option('--attempt <n>', 'x-aig-attempt (default: 1)')
    .option('--tolerance <seconds>', 'max age of the signature; 0 skips the check (stored deliveries)')
    .action(async (options: VerifyOptions, cmd: Command) => verify(new Runtime(ctx, cmd), options));
  withExamples(verifyCmd, [
    ['aig webhooks verify --secret "$SECRET" --signature "$SIG" --body-file body.json', 'check a delivery'],
    [
      'aig webhooks verify --signature "$SIG" --body-file old.json --tolerance 0 --json',
      'a stored one, as JSON',
    ],
  ]);

  const listenCmd: Command = command
    .command('listen')
    .description(
      'Receive webhooks on 127.0.0.1, verify each one, print it, and optionally forward it to your app.',
    )
    .addOption(secretOption())
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8788')
    .option('--forward-to <url>', 'also POST each verified delivery (raw body and headers) to this URL')
    .option('--tolerance <seconds>', 'max age of a signature (default 300)')
    .action(async (options: ListenOptions, cmd: Command) => listen(new Runtime(ctx, cmd), options));
  withExamples(listenCmd, [
    ['aig webhooks listen --secret "$AIGATEWAY_WEBHOOK_SECRET"', 'print deliveries sent to :8788'],
    [
      'aig webhooks listen --forward-to http://localhost:3000/hooks/aigateway',
      'and forward them to your app',
    ],
    ['aig call runwayml/gen-4 "a sunset" --no-wait --webhook-url http://127.0.0.1:8788', 'send one there'],
  ]);
  withExamples(command, [
    ['aig webhooks verify --signature "$SIG" --body-file body.json', 'verify one delivery'],
    ['aig webhooks listen --forward-to http://localhost:3000/hooks', 'develop a webhook handler'],
  ]);
};
