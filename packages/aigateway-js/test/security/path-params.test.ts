// Issue #12 item 9, as the attack ran it: path arguments that climbed out of their endpoint
// (`files.download('../sub-accounts')` listed sub-accounts with the top-level key,
// `models.retrieve('../../_emulator/state')` reached the control API). Against the emulator on a
// real loopback socket: each is refused before anything is sent, and ids are percent-encoded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputValidationError, NotFoundError } from '../../src/index.js';
import { type Harness, recordingFetch, startHarness } from '../helpers/emulator.js';

describe('path parameters cannot reach another endpoint (loopback emulator)', () => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness('loopback');
  });
  afterAll(() => gw.close());

  const refusals: [string, (h: Harness) => PromiseLike<unknown>][] = [
    ["files.download('../sub-accounts')", (h) => h.client().files.download('../sub-accounts')],
    [
      "files.download('jobs/../../sub-accounts')",
      (h) => h.client().files.download('jobs/../../sub-accounts'),
    ],
    ["models.retrieve('../../_emulator/state')", (h) => h.client().models.retrieve('../../_emulator/state')],
    ["jobs.retrieve('..')", (h) => h.client().jobs.retrieve('..')],
    ["subAccounts.retrieve('.')", (h) => h.client().subAccounts.retrieve('.')],
    ["evals.retrieve('..')", (h) => h.client().evals.retrieve('..')],
    ["subAccounts.delete('..')", (h) => h.client().subAccounts.delete('..')],
  ];

  it.each(refusals)('%s throws InputValidationError and sends nothing', async (_, call) => {
    const before = gw.control.requests().length;
    const error = await Promise.resolve(call(gw)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputValidationError);
    expect(gw.control.requests().length).toBe(before);
  });

  it('percent-encodes an id, so `../sub-accounts` is one segment: a 404 for that job, not the list', async () => {
    const { fetch, sent } = recordingFetch();
    const urls: string[] = [];
    const client = gw.client({
      fetch: (input, init) => {
        urls.push(String(input));
        return fetch(input, init);
      },
    });
    await expect(client.jobs.retrieve('../sub-accounts')).rejects.toBeInstanceOf(NotFoundError);
    expect(urls).toEqual([`${gw.baseURL}/jobs/..%2Fsub-accounts`]);
    expect(sent).toHaveLength(1);
  });
});
