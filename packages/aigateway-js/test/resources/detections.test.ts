import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, type Transport } from '../helpers/emulator.js';

describe.each<Transport>(['loopback', 'msw'])('detections.create over %s', (transport) => {
  let gw: Harness;
  beforeAll(async () => {
    gw = await startHarness(transport);
  });
  afterAll(() => gw.close());

  it('detects labelled boxes above the threshold', async () => {
    const res = await gw.client().detections.create({
      model: 'facebook/detr-resnet-50',
      image: 'https://example.com/street.jpg',
      threshold: 0.5,
    });
    expect(res.object).toBe('detection');
    expect(res.data.length).toBeGreaterThan(0);
    for (const d of res.data) {
      expect(d.score).toBeGreaterThanOrEqual(0.5);
      expect(d.box.xmax).toBeGreaterThanOrEqual(d.box.xmin);
    }
  });

  it('checks the threshold range before sending', async () => {
    await expect(
      gw.client().detections.create({ model: 'facebook/detr-resnet-50', image: 'x', threshold: 2 }),
    ).rejects.toThrow(/threshold: must be a number from 0 to 1, got 2/);
  });
});
