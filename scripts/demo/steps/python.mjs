// The same gateway from Python: aigateway-py (installed from the workspace into a venv made with
// uv) runs a chat, a 3D job with progress and verifies a signed webhook delivery.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findPythons, findUv } from '../../python/interpreters.mjs';
import { ensureVenv } from '../../python/venv.mjs';
import { ROOT } from '../packages.mjs';
import { check } from '../runner.mjs';

const SCRIPT = `
import os
from aigateway import AIgateway, sign_webhook, verify_webhook

client = AIgateway(tag="demo-python")  # AIGATEWAY_API_KEY, AIGATEWAY_BASE_URL
reply = client.chat.completions.create(
    model="moonshot/kimi-k2.6", messages=[{"role": "user", "content": "Hello from Python"}]
)
print("chat   ", reply.choices[0].message.content)
job = client.three_d.generate(model="stabilityai/stable-fast-3d", prompt="a teapot")
done = job.wait(poll_interval=0.2, on_progress=lambda j: None)
print("3d job ", done.id, done.status, done.result.content_type if done.result else "")
delivery = sign_webhook(done.to_dict(), os.environ["AIGATEWAY_WEBHOOK_SECRET"])
event = verify_webhook(delivery.body, delivery.headers, os.environ["AIGATEWAY_WEBHOOK_SECRET"])
print("webhook", event.type, event.dedupe_key)
`;

export const python = {
  title: 'Python: aigateway-py',
  what: 'The same gateway from Python: a chat, a 3D job waited with progress, a verified webhook.',
  async run({ ui, gw, dir }) {
    const pythons = findPythons();
    check(pythons.length > 0, 'no CPython >= 3.10 found: install Python 3.10 or newer');
    const bin = ensureVenv(findUv(join(ROOT, 'node_modules/.cache')), pythons.at(-1), { dev: false });
    const script = join(dir, 'aigateway_demo.py');
    await writeFile(script, SCRIPT);
    ui.output(`python ${script}  (CPython ${pythons.at(-1).label}, aigateway-py from packages/aigateway-py)`);
    const { stdout } = await promisify(execFile)(join(bin, 'python'), [script], {
      cwd: dir,
      env: {
        ...process.env,
        AIGATEWAY_API_KEY: gw.apiKey,
        AIGATEWAY_BASE_URL: gw.url,
        AIGATEWAY_WEBHOOK_SECRET: gw.webhookSecret,
      },
      timeout: 120_000,
    });
    ui.output(stdout.trimEnd());
    check(stdout.includes('completed'), 'the Python job did not complete');
    check(stdout.includes('webhook job.completed'), 'the Python webhook was not verified');
    return 'aigateway-py: chat, job and webhook against the same gateway';
  },
};
