// The capability map (/llms.txt) is rendered from the contract (scripts/generate/llms-txt.mjs):
// it must name every REST operation with its summary, every MCP tool and every error code, and
// the committed text file must be the string the packages serve.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL, errorCodes, llmsTxt, mcpTools, operations } from '../src/index.js';

describe('llms.txt', () => {
  it('is the committed generated/llms.txt', () => {
    expect(readFileSync(new URL('../generated/llms.txt', import.meta.url), 'utf8')).toBe(llmsTxt);
  });

  it('follows the llms.txt layout: a title, a summary quote, then sections', () => {
    const [title, blank, summary] = llmsTxt.split('\n');
    expect(title).toBe('# AIgateway API');
    expect(blank).toBe('');
    expect(summary).toMatch(/^> \S/);
    expect(llmsTxt).toContain(`- Base URL: ${DEFAULT_BASE_URL}\n`);
    for (const section of ['## Endpoints', '## MCP tools', '## Headers', '## Errors', '## Optional']) {
      expect(llmsTxt).toContain(`\n${section}\n`);
    }
  });

  it('lists every REST operation, every MCP tool and every error code', () => {
    for (const op of Object.values(operations)) {
      if (!op.path.startsWith('/v1/')) continue;
      expect(llmsTxt).toMatch(new RegExp(`^- ${op.method} ${op.path.replace(/[{}]/g, '\\$&')}[ :]`, 'm'));
    }
    for (const tool of mcpTools) expect(llmsTxt).toContain(`- \`${tool.name}\`: ${tool.description}`);
    for (const code of Object.keys(errorCodes)) expect(llmsTxt).toContain(`\`${code}\``);
  });

  it('gives each inference endpoint its modality and an example model from the contract', () => {
    const line = llmsTxt.split('\n').find((l) => l.startsWith('- POST /v1/videos/generations'));
    expect(line).toMatch(/\[video\]: .*202 with a job.*e\.g\. `[a-z0-9-]+\/[a-z0-9.-]+`/);
  });
});
