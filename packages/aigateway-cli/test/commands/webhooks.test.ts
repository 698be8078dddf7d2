import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signWebhook } from 'aigateway-js/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobSnapshot } from '../fixtures/jobs.js';
import { runInProcess, startInProcess, waitForOutput } from '../helpers/in-process.js';

const SECRET = 'whsec_0123456789abcdef0123456789abcdef';

describe('aig webhooks verify', () => {
  let dir: string;
  let bodyFile: string;
  let signature: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aig-wh-'));
    const signed = signWebhook(jobSnapshot('completed'), SECRET);
    bodyFile = join(dir, 'body.json');
    await writeFile(bodyFile, signed.body);
    signature = signed.signature;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('exits 0 and describes a valid delivery', async () => {
    const r = await runInProcess([
      'webhooks',
      'verify',
      '--secret',
      SECRET,
      '--signature',
      signature,
      '--body-file',
      bodyFile,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✔ valid {2}job\.completed {2}job_test123 {2}attempt 1/);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('prints the verified event as one JSON document with --json, secret from the environment', async () => {
    const r = await runInProcess(
      ['webhooks', 'verify', '--signature', signature, '--body-file', bodyFile, '--json'],
      {
        env: { AIGATEWAY_WEBHOOK_SECRET: SECRET },
      },
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      valid: true,
      type: 'job.completed',
      attempt: 1,
      data: { id: 'job_test123' },
    });
    expect(r.stderr).toBe('');
  });

  it('exits 3 with the reason when the secret does not match', async () => {
    const r = await runInProcess([
      'webhooks',
      'verify',
      '--secret',
      'whsec_wrongwrongwrongwrong',
      '--signature',
      signature,
      '--body-file',
      bodyFile,
      '--json',
    ]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string).error.code).toBe('no_matching_signature');
  });

  it('rejects a stale signature unless --tolerance 0', async () => {
    const old = signWebhook(jobSnapshot('failed'), SECRET, {
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    const file = join(dir, 'old.json');
    await writeFile(file, old.body);
    const args = [
      'webhooks',
      'verify',
      '--secret',
      SECRET,
      '--signature',
      old.signature,
      '--body-file',
      file,
    ];
    const stale = await runInProcess(args);
    expect(stale.code).toBe(3);
    expect(stale.stderr).toMatch(/^error: .+\n$/);
    const ok = await runInProcess([...args, '--tolerance', '0']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('job.failed');
  });
});

describe('aig webhooks listen', () => {
  it('verifies, prints and acknowledges deliveries until interrupted', async () => {
    const controller = new AbortController();
    const run = startInProcess(['webhooks', 'listen', '--port', '0', '--secret', SECRET, '--json'], {
      signal: controller.signal,
    });
    const [, url] = await waitForOutput(run.stdout, /"url":"(http:\/\/127\.0\.0\.1:\d+\/)"/);
    const good = signWebhook(jobSnapshot('completed', 'job_good'), SECRET);
    const ok = await fetch(url as string, { method: 'POST', body: good.body, headers: good.headers });
    expect(ok.status).toBe(200);
    const bad = signWebhook(jobSnapshot('completed', 'job_bad'), 'whsec_another_secret_entirely');
    const rejected = await fetch(url as string, { method: 'POST', body: bad.body, headers: bad.headers });
    expect(rejected.status).toBe(400);
    expect(((await rejected.json()) as { error: { code: string } }).error.code).toBe('no_matching_signature');
    await waitForOutput(run.stdout, /"event":"rejected"/);
    controller.abort();
    const result = await run.done;
    expect(result.code).toBe(130);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; data?: { id: string } });
    expect(events.map((e) => e.event)).toEqual(['listening', 'delivery', 'rejected']);
    expect(events[1]?.data?.id).toBe('job_good');
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it('forwards verified deliveries to --forward-to and answers with its status', async () => {
    const { createServer } = await import('node:http');
    const received: Array<{ body: string; signature: string | undefined }> = [];
    const app = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({
          body: Buffer.concat(chunks).toString(),
          signature: req.headers['x-aig-signature'] as string,
        });
        res.writeHead(202).end('accepted');
      });
    });
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', () => r()));
    const appUrl = `http://127.0.0.1:${(app.address() as { port: number }).port}/hooks`;
    const controller = new AbortController();
    const run = startInProcess(
      ['webhooks', 'listen', '--port', '0', '--secret', SECRET, '--forward-to', appUrl],
      {
        signal: controller.signal,
      },
    );
    const [, url] = await waitForOutput(run.stderr, /Listening for webhooks on (http:\S+\/)/);
    const signed = signWebhook(jobSnapshot('completed', 'job_fwd'), SECRET);
    const response = await fetch(url as string, {
      method: 'POST',
      body: signed.body,
      headers: signed.headers,
    });
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('accepted');
    expect(received).toEqual([{ body: signed.body, signature: signed.signature }]);
    await waitForOutput(run.stdout, /↪ .+ 202/);
    controller.abort();
    expect((await run.done).code).toBe(130);
    app.close();
  });
});
