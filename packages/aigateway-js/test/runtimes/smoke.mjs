// The runtime suite: what a user does with aigateway-js, run against the emulator over loopback on
// each runtime of `run.mjs` (Node 20/22/24, Bun, Deno, edge-runtime). Plain JavaScript and Web APIs
// only, so the same file runs everywhere; `sdk` is the build the runtime's export conditions pick.

/**
 * @param {typeof import('../../dist/index.js')} sdk
 * @param {{ baseURL: string, apiKey: string, webhookSecret: string, capturesURL: string, syncWebhooks: boolean }} config
 * @param {(line: string) => void} log
 */
export async function smoke(sdk, config, log) {
  const client = new sdk.AIgateway({
    apiKey: config.apiKey,
    baseURL: config.baseURL,
    webhookSecret: config.webhookSecret,
    logLevel: 'off',
  });
  const steps = [
    ['chat completion, with its request id', () => chat(client)],
    [
      'a timeout: a slow call rejects with APITimeoutError on time, and the client goes on',
      () => timeout(sdk, config),
    ],
    ...(onNode()
      ? [
          [
            'Node: a global dispatcher (as setGlobalDispatcher sets it) carries every call',
            () => dispatcher(client),
          ],
        ]
      : []),
    ['stream read to the end, then a stream aborted with a reason', () => streams(sdk, client)],
    ['multipart upload (transcription from bytes)', () => upload(sdk, client)],
    [
      'job: create with a webhook, wait, then verify its delivery (sync and async)',
      () => job(sdk, client, config),
    ],
    ['errors: typed classes for 404, 401 and a local input check', () => errors(sdk, client, config)],
  ];
  for (const [name, run] of steps) {
    await run();
    log(`ok - ${name}`);
  }
}

async function chat(client) {
  const messages = [{ role: 'user', content: 'Say hello' }];
  const completion = await client.chat.completions.create({ model: 'openai/gpt-5.4', messages });
  check(typeof completion.choices[0]?.message.content === 'string', 'a completion has content');
  check(/^req_/.test(completion._request_id ?? ''), `_request_id is set (got ${completion._request_id})`);
}

async function timeout(sdk, config) {
  const client = new sdk.AIgateway({
    apiKey: config.apiKey,
    baseURL: config.baseURL,
    logLevel: 'off',
    timeout: 200,
    maxRetries: 0,
  });
  await client.models.list();
  const started = Date.now();
  const slow = { headers: { 'x-aig-fault': 'latency=5000' } };
  const error = await client.models.list(slow).catch((e) => e);
  const took = Date.now() - started;
  check(error instanceof sdk.APITimeoutError, `a slow call throws APITimeoutError (got ${describe(error)})`);
  check(took < 4000, `it throws at the timeout, not when the gateway answers (after ${took} ms)`);
  const models = await client.models.list();
  check(models.data.length > 0, 'the next call on the client works');
}

function onNode() {
  const versions = globalThis.process?.versions;
  return typeof versions?.node === 'string' && !versions.bun && !versions.deno;
}

// On Node the SDK times calls out through a dispatcher in front of the one Node's fetch would use:
// a proxy agent installed globally must still carry every call, on each Node's undici.
async function dispatcher(client) {
  const symbol = Symbol.for('undici.globalDispatcher.1');
  const original = globalThis[symbol];
  check(typeof original?.dispatch === 'function', 'Node’s fetch has set its global dispatcher');
  const seen = [];
  globalThis[symbol] = {
    dispatch(options, handler) {
      seen.push(options.path);
      return original.dispatch(options, handler);
    },
  };
  try {
    await client.models.list();
    await client.models.list();
  } finally {
    globalThis[symbol] = original;
  }
  check(seen.length === 2, `both calls went through the global dispatcher (saw ${JSON.stringify(seen)})`);
}

async function streams(sdk, client) {
  const params = {
    model: 'openai/gpt-5.4',
    messages: [{ role: 'user', content: 'Count to twenty' }],
    stream: true,
  };
  const full = await client.chat.completions.create(params);
  let text = '';
  for await (const chunk of full) text += chunk.choices[0]?.delta.content ?? '';
  const usage = await full.usage;
  check(text.length > 0 && usage.estimated !== true, 'a full stream has text and the gateway usage');

  const stream = await client.chat.completions.create(params);
  const reason = new Error('user left');
  let error;
  try {
    for await (const _chunk of stream) stream.abort(reason);
  } catch (e) {
    error = e;
  }
  check(error instanceof sdk.APIUserAbortError, `abort() throws APIUserAbortError (got ${describe(error)})`);
  check(error.cause === reason, 'the abort reason is the error cause');
  check((await stream.usage).estimated === true, 'usage settles as an estimate after abort');
}

async function upload(sdk, client) {
  const bytes = new Uint8Array(2048).map((_, i) => i % 251);
  const file = await sdk.toFile(bytes, 'call.wav', { type: 'audio/wav' });
  const { text } = await client.audio.transcriptions.create({ model: 'openai/whisper-large-v3-turbo', file });
  check(typeof text === 'string' && text.length > 0, 'a transcription has text');
}

async function job(sdk, client, config) {
  const job = await client.videos.generate({
    model: 'runwayml/gen-4',
    prompt: 'a sunset over mountains',
    duration: 2,
    webhook_url: 'https://hooks.example.com/aig',
  });
  const done = await job.wait({ pollInterval: 20 });
  check(
    done.status === 'completed' && typeof done.result_url === 'string',
    'the job completes with a result_url',
  );

  const delivery = await waitForDelivery(config.capturesURL, job.id);
  const event = await sdk.verifyWebhookAsync(delivery.body, delivery.headers, config.webhookSecret);
  check(event.type === 'job.completed' && event.data.id === job.id, 'verifyWebhookAsync returns the event');
  const unwrapped = await client.webhooks.unwrap(delivery.body, delivery.headers);
  check(unwrapped.dedupeKey === event.dedupeKey, 'client.webhooks.unwrap agrees');
  if (config.syncWebhooks) {
    check(
      sdk.verifyWebhook(delivery.body, delivery.headers, config.webhookSecret).data.id === job.id,
      'verifyWebhook',
    );
  } else {
    // The edge build has no synchronous HMAC: its verifyWebhook must say what to use instead.
    const error = attempt(() => sdk.verifyWebhook(delivery.body, delivery.headers, config.webhookSecret));
    check(
      String(error?.message).includes('verifyWebhookAsync'),
      'the edge verifyWebhook points at the async one',
    );
  }
  let tampered;
  try {
    await sdk.verifyWebhookAsync(`${delivery.body} `, delivery.headers, config.webhookSecret);
  } catch (e) {
    tampered = e;
  }
  check(tampered instanceof sdk.WebhookVerificationError, 'a tampered body is refused');
}

async function errors(sdk, client, config) {
  const messages = [{ role: 'user', content: 'hi' }];
  const notFound = await client.chat.completions
    .create({ model: 'nobody/no-model', messages })
    .catch((e) => e);
  check(
    notFound instanceof sdk.NotFoundError,
    `an unknown model is a NotFoundError (got ${describe(notFound)})`,
  );
  const stranger = client.withOptions({ apiKey: 'sk-aig-wrong-0000000000000000' });
  const denied = await stranger.models.list().catch((e) => e);
  check(
    denied instanceof sdk.AuthenticationError,
    `a wrong key is an AuthenticationError (got ${describe(denied)})`,
  );
  check(!JSON.stringify(denied).includes(config.apiKey), 'the error does not carry the key');
  const local = await client.videos
    .generate({ model: 'runwayml/gen-4', prompt: 'x', duration: 0 })
    .catch((e) => e);
  check(local instanceof sdk.InputValidationError, `duration 0 is refused locally (got ${describe(local)})`);
}

async function waitForDelivery(capturesURL, jobId) {
  for (let i = 0; i < 200; i++) {
    const res = await fetch(`${capturesURL}/${jobId}`);
    if (res.ok) return res.json();
    await res.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no webhook delivery for ${jobId} within 5 s`);
}

function attempt(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

function describe(value) {
  return value instanceof Error ? `${value.name}: ${value.message}` : String(value);
}

function check(condition, what) {
  if (!condition) throw new Error(`failed: ${what}`);
}
