import type { Core } from '../core.js';
import type { FileLookup } from '../inference/image-input.js';
import { countTokens } from '../util/text.js';

/** Inputs may point at the emulator's own files (image URLs, job results). */
export function fileLookup(core: Core): FileLookup {
  return (path) => {
    const record = core.files.records.get(path);
    return record ? core.files.render(record).bytes : undefined;
  };
}

export const asList = (input: unknown): string[] =>
  Array.isArray(input) ? input.map(String) : [String(input)];

export const tokensOf = (texts: string[]) => texts.reduce((n, t) => n + countTokens(t), 0);

/** `usage` of the aggregator-native endpoints. */
export const nativeUsage = (input: number, output = 0) => ({
  input_tokens: input,
  output_tokens: output,
  total_tokens: input + output,
});
