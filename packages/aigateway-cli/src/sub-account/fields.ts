import { schemas } from 'aigateway-contract';
import { parseInteger } from '../core/parse.js';
import { checkTag } from '../core/tags.js';
import { usageError } from '../errors.js';

/** The field flags of `sub-account create` and `update`, as commander parses them. */
export interface FieldFlags {
  name?: string;
  spendCapCents?: string;
  rpm?: string;
  defaultTag?: string;
  metadata?: string;
}

/** The body fields the flags set; `null` clears a field on update. */
export interface SubAccountFields {
  name?: string;
  spend_cap_cents?: number | null;
  rate_limit_rpm?: number | null;
  default_tag?: string | null;
  metadata?: Record<string, string>;
}

// The contract's limits (create and update share them). Metadata's own limits are the SDK's check.
const { name: NAME, spend_cap_cents: CAP, rate_limit_rpm: RPM } = schemas.SubAccountCreateRequest.properties;

/** `none` clears a field on update (the API takes null). */
function cleared(raw: string, update: boolean): boolean {
  return update && raw.trim().toLowerCase() === 'none';
}

function parseMetadata(raw: string): Record<string, string> {
  let metadata: unknown;
  try {
    metadata = JSON.parse(raw);
  } catch {
    metadata = undefined;
  }
  const valid =
    typeof metadata === 'object' &&
    metadata !== null &&
    !Array.isArray(metadata) &&
    Object.values(metadata).every((v) => typeof v === 'string');
  if (!valid)
    throw usageError(`--metadata must be a JSON object of strings, e.g. '{"plan":"pro"}'.`, 'invalid_json');
  return metadata as Record<string, string>;
}

/** Turns the flags into a request body, checking each value; `update` allows "none" to clear. */
export function fields(flags: FieldFlags, update: boolean): SubAccountFields {
  const body: SubAccountFields = {};
  if (flags.name !== undefined) {
    const name = flags.name.trim();
    const length = [...name].length; // JSON Schema counts code points
    if (length < NAME.minLength) throw usageError('--name must not be empty.');
    if (length > NAME.maxLength)
      throw usageError(`--name must be at most ${NAME.maxLength} characters, got ${length}.`);
    body.name = name;
  }
  const cap = flags.spendCapCents;
  if (cap !== undefined)
    body.spend_cap_cents = cleared(cap, update) ? null : parseInteger(cap, '--spend-cap-cents', CAP.minimum);
  const rpm = flags.rpm;
  if (rpm !== undefined)
    body.rate_limit_rpm = cleared(rpm, update) ? null : parseInteger(rpm, '--rpm', RPM.minimum);
  const tag = flags.defaultTag;
  if (tag !== undefined) {
    body.default_tag = cleared(tag, update) ? null : checkTag(tag, '--default-tag');
  }
  if (flags.metadata !== undefined) body.metadata = parseMetadata(flags.metadata);
  return body;
}
