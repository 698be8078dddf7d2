import type AIgateway from 'aigateway-js';
import { PermissionDeniedError } from 'aigateway-js';
import { askAssistant, type OverBudget } from './assistant.js';
import { type Customer, onboardCustomer } from './customers.js';

export interface SaasDemoOptions {
  /** The chat model behind the feature. */
  model: string;
  /** The small monthly cap of the customer who runs out (US cents). */
  capCents: number;
  /** The cap after the upgrade. */
  raisedCapCents: number;
  /** Stop trying to spend the cap after this many calls. Default 500. */
  maxCalls?: number;
  /** Suffix for the customer ids, so repeated runs do not collide. */
  runId?: string;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface CustomerUsage {
  customerId: string;
  /** Tags in the customer's own usage report (their key sees nothing else). */
  tags: (string | null)[];
  requests: number;
  totalCents: number;
}

export interface SaasDemoResult {
  customers: Customer[];
  /** Answers the capped customer got before the cap stopped them. */
  answeredBeforeCap: number;
  overBudget: OverBudget;
  usage: CustomerUsage[];
  /** Whether a customer key was refused when it tried to manage sub-accounts. */
  customerKeyCannotManage: boolean;
  /** The answer to the blocked question, retried after raising the cap. */
  answerAfterRaise: string;
}

async function usageOf(customer: Customer): Promise<CustomerUsage> {
  const report = await customer.client.usage.byTag();
  return {
    customerId: customer.customerId,
    tags: report.data.map((row) => row.tag),
    requests: report.total_requests,
    totalCents: report.total_cents,
  };
}

/**
 * A SaaS backend in miniature: two customers with their own sub-accounts, usage isolated per
 * customer, one customer hitting their spend cap, the cap raised, and the request retried.
 */
export async function runSaasDemo(admin: AIgateway, options: SaasDemoOptions): Promise<SaasDemoResult> {
  const log = options.log ?? (() => {});
  const suffix = options.runId ? `-${options.runId}` : '';
  const acme = await onboardCustomer(admin, { customerId: `acme${suffix}`, spendCapCents: options.capCents });
  const globex = await onboardCustomer(admin, {
    customerId: `globex${suffix}`,
    spendCapCents: options.raisedCapCents,
  });
  log(
    `onboarded ${acme.customerId} (${acme.subAccountId}, cap ${options.capCents}¢) and ${globex.customerId}`,
  );

  for (const question of ['How do I reset my password?', 'Can I export my data?']) {
    const reply = await askAssistant(globex, options.model, question);
    if (!reply.ok)
      throw new Error(`${globex.customerId} was blocked unexpectedly: ${reply.overBudget.message}`);
  }

  const question = 'Summarise my open tickets.';
  let answeredBeforeCap = 0;
  let overBudget: OverBudget | undefined;
  while (!overBudget && answeredBeforeCap < (options.maxCalls ?? 500)) {
    const reply = await askAssistant(acme, options.model, question);
    if (reply.ok) answeredBeforeCap += 1;
    else overBudget = reply.overBudget;
  }
  if (!overBudget) throw new Error(`${acme.customerId} never reached its ${options.capCents}¢ cap.`);
  log(
    `${acme.customerId}: ${answeredBeforeCap} answers, then blocked — cap ${overBudget.capCents}¢, spent ` +
      `${overBudget.spentCents}¢, resets ${overBudget.resetsAt?.toISOString() ?? 'at month end'}`,
  );

  const usage = [await usageOf(acme), await usageOf(globex)];
  for (const u of usage) {
    log(
      `usage seen with ${u.customerId}'s key: ${u.requests} requests, ${u.totalCents}¢, tags ${u.tags.join(', ')}`,
    );
  }

  let customerKeyCannotManage = false;
  try {
    await acme.client.subAccounts.list();
  } catch (error) {
    if (!(error instanceof PermissionDeniedError)) throw error;
    customerKeyCannotManage = true;
  }
  log(`a customer key managing sub-accounts: ${customerKeyCannotManage ? 'refused (403)' : 'ALLOWED'}`);

  // The customer upgrades: raise the cap with the top-level key, then retry what was blocked.
  await admin.subAccounts.update(acme.subAccountId, { spend_cap_cents: options.raisedCapCents });
  const retried = await askAssistant(acme, options.model, question);
  if (!retried.ok) throw new Error(`Still blocked after raising the cap: ${retried.overBudget.message}`);
  log(`raised ${acme.customerId}'s cap to ${options.raisedCapCents}¢; the retry was answered`);

  return {
    customers: [acme, globex],
    answeredBeforeCap,
    overBudget,
    usage,
    customerKeyCannotManage,
    answerAfterRaise: retried.answer,
  };
}

/** Deletes the demo's sub-accounts (their keys stop working). */
export async function removeCustomers(admin: AIgateway, customers: Customer[]): Promise<void> {
  for (const customer of customers) await admin.subAccounts.delete(customer.subAccountId);
}
