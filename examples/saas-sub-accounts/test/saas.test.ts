import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type RunningEmulator, startEmulator } from 'aigateway-emulator';
import AIgateway from 'aigateway-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { askAssistant } from '../src/assistant.js';
import { onboardCustomer } from '../src/customers.js';
import { removeCustomers, runSaasDemo } from '../src/saas-demo.js';

const run = promisify(execFile);
let gw: RunningEmulator;
let admin: AIgateway;
let model: string;

beforeAll(async () => {
  gw = await startEmulator();
  admin = new AIgateway({ baseURL: gw.url, apiKey: gw.apiKey });
  const { data } = await admin.models.list();
  const chat = data.find((m) => m.modality === 'chat' && !m.floating && !m.deprecated);
  if (!chat) throw new Error('The catalog has no chat model.');
  model = chat.id;
});
beforeEach(() => gw.control.reset());
afterAll(() => gw.close());

/** Start of the next month (UTC) of an emulator time, in Unix seconds. */
function nextMonth(unix: number): number {
  const now = new Date(unix * 1000);
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) / 1000;
}

describe('runSaasDemo against the emulator', () => {
  it('isolates customers, stops one at its cap, and answers again after the cap is raised', async () => {
    const lines: string[] = [];
    const result = await runSaasDemo(admin, {
      model,
      capCents: 1,
      raisedCapCents: 3,
      log: (l) => lines.push(l),
    });
    const [acme, globex] = result.customers;
    if (!acme || !globex) throw new Error('two customers expected');

    // The cap stopped acme at the call that would have passed it; the refusal says how much was
    // spent and until when (a cap is reached, never passed).
    expect(result.answeredBeforeCap).toBeGreaterThan(1);
    expect(result.overBudget.subAccountId).toBe(acme.subAccountId);
    expect(result.overBudget.capCents).toBe(1);
    expect(result.overBudget.spentCents).toBeGreaterThan(0.5);
    expect(result.overBudget.spentCents).toBeLessThanOrEqual(1);
    expect(result.overBudget.resetsAt?.getTime()).toBe(nextMonth(gw.control.now()) * 1000);

    // Every charge landed on the right sub-account and tag; the blocked call cost nothing.
    const charges = gw.control.charges();
    const of = (id: string) => charges.filter((c) => c.sub_account_id === id);
    expect(of(acme.subAccountId)).toHaveLength(result.answeredBeforeCap + 1); // + the retry after raising
    expect(new Set(of(acme.subAccountId).map((c) => c.tag))).toEqual(new Set([acme.tag]));
    expect(of(globex.subAccountId)).toHaveLength(2);
    expect(charges.every((c) => c.sub_account_id !== null)).toBe(true);

    // Each customer's own key sees only their own usage (read before the retry).
    const spent = (id: string) => of(id).reduce((sum, c) => sum + c.cost_cents, 0);
    const [acmeUsage, globexUsage] = result.usage;
    expect(acmeUsage).toMatchObject({
      customerId: acme.customerId,
      tags: [acme.tag],
      requests: result.answeredBeforeCap,
    });
    expect(globexUsage).toMatchObject({ customerId: globex.customerId, tags: [globex.tag], requests: 2 });
    expect(globexUsage?.totalCents).toBeCloseTo(spent(globex.subAccountId), 6);

    expect(result.customerKeyCannotManage).toBe(true);
    expect(result.answerAfterRaise).toContain(model);
    const after = await admin.subAccounts.retrieve(acme.subAccountId);
    expect(after.spend_cap_cents).toBe(3);
    expect(lines.some((l) => l.includes('then blocked — cap 1¢'))).toBe(true);

    await removeCustomers(admin, result.customers);
    expect((await admin.subAccounts.list()).data).toHaveLength(0);
  });

  it('lets other errors through instead of treating them as a spent budget', async () => {
    const customer = await onboardCustomer(admin, { customerId: 'initech', spendCapCents: 10 });
    await expect(askAssistant(customer, 'nobody/no-such-model', 'hi')).rejects.toMatchObject({
      name: 'ModelNotFoundError',
      status: 404,
    });
  });
});

describe('pnpm start', () => {
  it('runs as a process and cleans up its sub-accounts', async () => {
    const { stdout } = await run('node_modules/.bin/tsx', ['src/index.ts'], {
      env: {
        PATH: process.env.PATH,
        AIGATEWAY_API_KEY: gw.apiKey,
        AIGATEWAY_BASE_URL: gw.url,
        AIG_MODEL: model,
      },
    });
    expect(stdout).toMatch(
      /^acme-\w+: \d+ answers, then blocked — cap 1¢, spent [\d.]+¢, resets \d{4}-\d\d-01T00:00:00\.000Z$/m,
    );
    expect(stdout).toContain('a customer key managing sub-accounts: refused (403)');
    expect(stdout).toMatch(/raised acme-\w+'s cap to 5¢; the retry was answered/);
    expect(stdout).not.toContain(gw.apiKey);
    expect(stdout).not.toMatch(/sk-aig-sub-/);
    expect((await admin.subAccounts.list()).data).toHaveLength(0);
  });

  it('says which variable is missing', async () => {
    const failure = await run('node_modules/.bin/tsx', ['src/index.ts'], {
      env: { PATH: process.env.PATH, AIGATEWAY_API_KEY: gw.apiKey, AIGATEWAY_BASE_URL: gw.url },
    }).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining('Set AIG_MODEL') });
  });
});
