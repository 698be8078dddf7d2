import { describe, expect, it } from 'vitest';
import { proxyFor } from '../../src/core/proxy.js';

describe('proxyFor reads the proxy variables as curl does', () => {
  const P = 'http://proxy:3128';
  it.each([
    ['https://api.aigateway.sh/v1', { HTTPS_PROXY: P }, P],
    ['https://api.aigateway.sh/v1', { https_proxy: P, HTTPS_PROXY: 'http://other:1' }, P],
    ['https://api.aigateway.sh/v1', { HTTP_PROXY: P }, undefined],
    ['http://127.0.0.1:4010/v1', { HTTP_PROXY: P }, P],
    ['http://127.0.0.1:4010/v1', { ALL_PROXY: P }, P],
    ['https://api.aigateway.sh/v1', { HTTPS_PROXY: P, NO_PROXY: 'aigateway.sh' }, undefined],
    ['https://api.aigateway.sh/v1', { HTTPS_PROXY: P, NO_PROXY: '.aigateway.sh' }, undefined],
    ['https://api.aigateway.sh/v1', { HTTPS_PROXY: P, NO_PROXY: 'notaigateway.sh' }, P],
    ['https://api.aigateway.sh/v1', { HTTPS_PROXY: P, no_proxy: '*' }, undefined],
    ['http://127.0.0.1:4010/v1', { HTTP_PROXY: P, NO_PROXY: '127.0.0.1:4010' }, undefined],
    ['http://127.0.0.1:4010/v1', { HTTP_PROXY: P, NO_PROXY: '127.0.0.1:9999' }, P],
    ['http://[::1]:4010/v1', { HTTP_PROXY: P, NO_PROXY: '[::1]' }, undefined],
    ['http://127.0.0.1:4010/v1', {}, undefined],
  ])('%s with %j → %s', (url, env, expected) => {
    expect(proxyFor(url, env)).toBe(expected);
  });
});
