export type Env = Record<string, string | undefined>;

export interface VideoJobConfig {
  model: string;
  prompt: string;
  duration: number;
  /** Set to receive the webhook; without it the example polls only. */
  webhookSecret: string | undefined;
  /** A public URL that forwards to the local receiver (a tunnel), for the hosted gateway. */
  publicWebhookUrl: string | undefined;
  /** The local receiver's port. */
  port: number;
  pollInterval: number;
  outDir: string;
}

function positive(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    problems.push(`${name} must be a positive number (got '${raw}')`);
  return value;
}

/** Reads the configuration; one error lists every problem. The key and base URL are read by the SDK. */
export function loadConfig(env: Env): VideoJobConfig {
  const problems: string[] = [];
  const model = env.AIG_VIDEO_MODEL?.trim() ?? '';
  if (!model) problems.push('AIG_VIDEO_MODEL is not set (a video model, e.g. runwayml/gen-4)');
  const duration = positive(env, 'AIG_VIDEO_DURATION', 5, problems);
  const pollInterval = positive(env, 'AIG_POLL_INTERVAL_MS', 1000, problems);
  const port = Number(env.PORT?.trim() || 8788);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push('PORT must be 0–65535');
  const publicWebhookUrl = env.WEBHOOK_PUBLIC_URL?.trim() || undefined;
  if (publicWebhookUrl && !/^https?:\/\//.test(publicWebhookUrl)) {
    problems.push('WEBHOOK_PUBLIC_URL must be an http(s) URL (https for the hosted gateway)');
  }
  if (problems.length > 0) {
    throw new Error(`Configuration: ${problems.join('; ')}. See .env.example.`);
  }
  return {
    model,
    prompt: env.AIG_VIDEO_PROMPT?.trim() || 'a sunset over mountains, slow aerial shot',
    duration,
    webhookSecret: env.AIGATEWAY_WEBHOOK_SECRET?.trim() || undefined,
    publicWebhookUrl,
    port,
    pollInterval,
    outDir: env.OUT_DIR?.trim() || 'out',
  };
}

/** The gateway can reach a receiver on this machine only when the gateway runs here (the emulator). */
export function isLocalGateway(baseURL: string): boolean {
  const host = new URL(baseURL).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}
