import { describe, expect, it } from 'vitest';
import { CliUsageError, DEV_STREAM_DELAY_MS, parseEmulatorArgs } from '../../src/cli/args.js';

describe('parseEmulatorArgs', () => {
  it('paces streams by default, so `aig dev` and the bin show them word by word', () => {
    expect(DEV_STREAM_DELAY_MS).toBeGreaterThan(0);
    expect(parseEmulatorArgs([]).streamChunkDelayMs).toBe(DEV_STREAM_DELAY_MS);
    expect(parseEmulatorArgs(['--stream-delay-ms', '0']).streamChunkDelayMs).toBe(0);
    expect(parseEmulatorArgs(['--stream-delay-ms', '40']).streamChunkDelayMs).toBe(40);
  });

  it('rejects a bad --stream-delay-ms with what to pass instead', () => {
    for (const bad of ['-5', 'fast', '1.5', '']) {
      expect(() => parseEmulatorArgs([`--stream-delay-ms=${bad}`])).toThrow(CliUsageError);
      expect(() => parseEmulatorArgs([`--stream-delay-ms=${bad}`])).toThrow(
        `--stream-delay-ms must be a non-negative integer (ms) (got '${bad}').`,
      );
    }
  });
});

describe('--mcp-protocol', () => {
  it('defaults to the documented server revision and takes any revision the emulator speaks', () => {
    expect(parseEmulatorArgs([]).mcpProtocolVersion).toBeUndefined();
    expect(parseEmulatorArgs(['--mcp-protocol', '2025-11-25']).mcpProtocolVersion).toBe('2025-11-25');
  });

  it('rejects a revision it cannot speak, listing the ones it can', () => {
    expect(() => parseEmulatorArgs(['--mcp-protocol', '2099-01-01'])).toThrow(
      /^--mcp-protocol must be one of 2025-11-25, .*2024-11-05.* \(got '2099-01-01'\); omit it for 2025-03-26/,
    );
  });
});
