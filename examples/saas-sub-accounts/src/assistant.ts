import { BudgetExceededError } from 'aigateway-js';
import type { Customer } from './customers.js';

/** Why a customer's request was refused, in terms your product can show them. */
export interface OverBudget {
  subAccountId: string | undefined;
  capCents: number | undefined;
  spentCents: number | undefined;
  /** When the monthly cap resets (start of next month, UTC). */
  resetsAt: Date | undefined;
  message: string;
}

export type AssistantReply = { ok: true; answer: string } | { ok: false; overBudget: OverBudget };

/**
 * The feature your customers pay for: one chat answer, billed to the customer's own sub-account.
 * A spent budget is an expected outcome, not a crash: it comes back as `overBudget`. The blocked
 * request was not charged (the cap is enforced before dispatch).
 */
export async function askAssistant(
  customer: Customer,
  model: string,
  question: string,
): Promise<AssistantReply> {
  try {
    const completion = await customer.client.chat.completions.create({
      model,
      messages: [
        { role: 'system', content: 'You are a concise support assistant.' },
        { role: 'user', content: question },
      ],
    });
    return { ok: true, answer: completion.choices[0]?.message.content ?? '' };
  } catch (error) {
    if (!(error instanceof BudgetExceededError)) throw error;
    return {
      ok: false,
      overBudget: {
        subAccountId: error.subAccountId,
        capCents: error.spendCapCents,
        spentCents: error.spentCents,
        resetsAt: error.resetsAt,
        message: error.message,
      },
    };
  }
}
