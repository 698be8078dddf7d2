// A sub-account per customer: its own key and a spend cap, enforced before dispatch (402): a request
// that would take the spend past the cap is refused, so the cap is never passed.
import { mask } from '../redact.mjs';
import { check, expectExit, parseJson } from '../runner.mjs';

const MODEL = 'anthropic/claude-opus-4.7';
const CAP_CENTS = 2;

/** A customer's long document: one summary of it costs about 1.5¢, so a second one would pass the 2-cent cap. */
const DOCUMENT = Array.from(
  { length: 120 },
  (_, i) => `Clause ${i + 1}. The supplier delivers the goods within thirty days of each purchase order.`,
).join('\n');

export const subAccountBudget = {
  title: 'Sub-account spend cap → 402',
  what: `Mint a customer key capped at ${CAP_CENTS}¢/month, spend it with the SDK, then watch aig hit 402.`,
  async run({ aig, ui, client, secrets, values }) {
    const created = await aig(
      [
        'sub-account',
        'create',
        '--name',
        'customer-42',
        '--spend-cap-cents',
        String(CAP_CENTS),
        '--default-tag',
        'customer-42',
        '--json',
      ],
      { printsSecret: true },
    );
    expectExit(created, 0, 'aig sub-account create');
    const sub = parseJson(created.stdout, 'aig sub-account create --json');
    secrets.add(sub.key);
    check(typeof sub.key === 'string' && sub.key.startsWith('sk-aig-sub-'), 'the new sub-account has no key');
    check(sub.spend_cap_cents === CAP_CENTS, `spend_cap_cents is ${sub.spend_cap_cents}`);
    ui.output(`${sub.id}  ${sub.name}  cap ${sub.spend_cap_cents}¢/month  key ${mask(sub.key)} (shown once)`);
    values.subAccountId = sub.id;

    ui.note(`client.withOptions({ apiKey: sub.key }).chat.completions.create({ model: '${MODEL}', … })`);
    const customer = client.withOptions({ apiKey: sub.key });
    const prompt = `Summarise this contract in one line:\n${DOCUMENT}`;
    const first = await customer.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: prompt }],
    });
    const spent = await client.subAccounts.retrieve(sub.id);
    ui.output(
      `${first.usage.prompt_tokens} tokens in → spent ${spent.spent_cents}¢ of the ${CAP_CENTS}¢ cap`,
    );
    check(
      spent.spent_cents > CAP_CENTS / 2 && spent.spent_cents <= CAP_CENTS,
      `the call cost ${spent.spent_cents}¢; the demo needs more than half the cap, within it`,
    );

    ui.note('the same summary again would pass the cap, so it is refused before dispatch');
    const blocked = await aig(['call', MODEL, prompt], {
      env: { AIGATEWAY_API_KEY: sub.key },
      show: { AIGATEWAY_API_KEY: sub.key },
    });
    ui.output(blocked.stderr);
    ui.note(`exit code ${blocked.code}`);
    expectExit(blocked, 4, 'aig call over the cap');
    const requestId = /X-Request-Id: (req_[0-9a-f]{24})/.exec(blocked.stderr)?.[1];
    check(/spend cap/i.test(blocked.stderr), 'the error does not mention the spend cap');
    check(requestId !== undefined, 'the error does not carry the X-Request-Id');
    const after = await client.subAccounts.retrieve(sub.id);
    check(after.spent_cents === spent.spent_cents, 'the blocked request was charged');
    return `402 budget_exceeded → exit 4, request id ${requestId}; the blocked call cost nothing`;
  },
};
