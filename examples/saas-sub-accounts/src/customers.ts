import type AIgateway from 'aigateway-js';

/** One of your customers, with their own AIgateway sub-account. */
export interface Customer {
  /** Your id for the customer. */
  customerId: string;
  subAccountId: string;
  /** The tag every request of this customer is billed under (the sub-account's `default_tag`). */
  tag: string;
  /** A client that uses only the customer's own key: it sees and spends only their budget. */
  client: AIgateway;
}

export interface OnboardOptions {
  customerId: string;
  /** Monthly spend cap in US cents (integer). */
  spendCapCents: number;
}

/**
 * Creates the customer's sub-account (spend cap, default tag) with the top-level key and returns
 * a client scoped to the new sub-account key. The key is returned only once: store it encrypted
 * with the customer record, and never hand your top-level key to a customer.
 */
export async function onboardCustomer(admin: AIgateway, options: OnboardOptions): Promise<Customer> {
  const tag = `customer:${options.customerId}`;
  const sub = await admin.subAccounts.create({
    name: options.customerId,
    spend_cap_cents: options.spendCapCents,
    default_tag: tag,
    metadata: { customer_id: options.customerId },
  });
  return {
    customerId: options.customerId,
    subAccountId: sub.id,
    tag,
    client: admin.withOptions({ apiKey: sub.key }),
  };
}
