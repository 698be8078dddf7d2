import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import {
  parseScenarios,
  type ScenarioRuleInput,
  ScenarioValidationError,
} from '../domains/control/scenario-schema.js';

/**
 * Reads a `--scenario` file (JSON, or YAML by its extension or content) into checked rules. Throws
 * an Error whose message has one line per problem, each naming the file.
 */
export function readScenarioFile(path: string): ScenarioRuleInput[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(
      `--scenario ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
    );
  }
  let value: unknown;
  try {
    value = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    const first = (e as Error).message.split('\n')[0];
    throw new Error(`--scenario ${path}: not valid ${/\.json$/i.test(path) ? 'JSON' : 'YAML'} (${first}).`);
  }
  if (!value || typeof value !== 'object' || !('scenarios' in value))
    throw new Error(
      `--scenario ${path}: write { "scenarios": [ { "match": {…}, "reply": {…} } ] } (JSON or YAML).`,
    );
  try {
    return parseScenarios(value);
  } catch (e) {
    if (!(e instanceof ScenarioValidationError)) throw e;
    throw new Error(e.lines.map((line) => `--scenario ${path}: ${line}`).join('\n'));
  }
}
