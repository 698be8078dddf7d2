import { countTokens } from '../../../util/text.js';

export const asList = (input: unknown): string[] =>
  Array.isArray(input) ? input.map(String) : [String(input)];

export const tokensOf = (texts: string[]) => texts.reduce((n, t) => n + countTokens(t), 0);

/** `usage` of the aggregator-native endpoints. */
export const nativeUsage = (input: number, output = 0) => ({
  input_tokens: input,
  output_tokens: output,
  total_tokens: input + output,
});
