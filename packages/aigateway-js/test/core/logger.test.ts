import { describe, expect, it, vi } from 'vitest';
import { Log } from '../../src/core/logger.js';

const sink = () => ({ debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() });

describe('Log', () => {
  it('emits only lines at or above the level', () => {
    const logger = sink();
    const log = new Log('info', logger, []);
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(logger.debug).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith('[aigateway] i');
    expect(logger.warn).toHaveBeenCalledWith('[aigateway] w');
    expect(logger.error).toHaveBeenCalledWith('[aigateway] e');
  });

  it('off silences everything', () => {
    const logger = sink();
    const log = new Log('off', logger, []);
    log.error('e');
    expect(logger.error).not.toHaveBeenCalled();
    expect(log.enabled('error')).toBe(false);
  });

  it('redacts known secrets, including per-request ones, and key-shaped values', () => {
    const logger = sink();
    const log = new Log('debug', logger, ['client-secret-value']).withSecrets(['per-call-secret']);
    log.debug('a client-secret-value b per-call-secret c Bearer sk-aig-0123456789 d');
    const line = String(logger.debug.mock.calls[0]?.[0]);
    expect(line).toBe('[aigateway] a [redacted] b [redacted] c Bearer [redacted] d');
  });
});
