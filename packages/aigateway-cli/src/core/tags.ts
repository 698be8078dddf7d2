import { headers } from 'aigateway-contract';
import { usageError } from '../errors.js';

/** The contract's `x-aig-tag` rule. */
const TAG = headers.tag;
const TAG_SHAPE = new RegExp(TAG.pattern);

// Prefixes of secrets people paste by mistake: AIgateway and OpenAI/Anthropic-style keys (sk-…, sk_…),
// restricted keys (rk_…), webhook secrets (whsec_…). A tag travels in a plain header and shows in usage reports.
const SECRET_LIKE = /^(?:sk|rk)[-_]|^whsec_/i;

/**
 * Checks a tag flag (`--tag`, `--default-tag`) against the contract's pattern, and refuses one that looks like a
 * key without echoing it.
 */
export function checkTag(tag: string, flag: string): string {
  if (SECRET_LIKE.test(tag)) {
    throw usageError(
      `${flag} looks like a key or secret (it starts with ${tag.slice(0, 3)}…), and tags are sent in plain ` +
        `headers and shown in usage reports: pass a feature name such as ${flag} summarize (the key goes in ` +
        'AIGATEWAY_API_KEY or --key-file).',
      'invalid_tag',
    );
  }
  if (!TAG_SHAPE.test(tag)) {
    throw usageError(
      `${flag} "${tag}" is not a valid tag: use ${TAG.minLength}-${TAG.maxLength} characters from A-Z a-z 0-9 . _ : -`,
      'invalid_tag',
    );
  }
  return tag;
}
