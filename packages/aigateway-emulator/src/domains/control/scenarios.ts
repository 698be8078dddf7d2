import type { components } from '../../generated/control.js';
import type { StatePart } from '../../runtime/state.js';
import { endpointByPath } from '../inference/endpoints/registry.js';
import { parseScenarios, type ScenarioReply, type ScenarioRuleInput } from './scenario-schema.js';
import { glob, textPattern } from './text-match.js';

export type ScenarioRule = components['schemas']['ScenarioRule'];

/** What a rule is matched against: the request as the middleware knows it. */
export interface ScenarioRequest {
  /** The contract path of the operation. */
  endpoint: string;
  method: string;
  model: string | undefined;
  tag: string | null;
  key: 'top_level' | 'sub_account' | null;
  subAccount: string | null;
  prompt: string | undefined;
}

interface Compiled {
  rule: ScenarioRule;
  test(r: ScenarioRequest): boolean;
}

function compile(input: ScenarioRuleInput, id: string, source: 'file' | 'api'): Compiled {
  const m = input.match ?? {};
  const tests: ((r: ScenarioRequest) => boolean)[] = [];
  if (m.endpoint !== undefined) {
    const e = m.endpoint;
    tests.push((r) => r.endpoint === e || endpointByPath.get(r.endpoint)?.modality === e);
  }
  if (m.method !== undefined) {
    const method = m.method.toUpperCase();
    tests.push((r) => r.method === method);
  }
  if (m.model !== undefined) {
    const re = glob(m.model);
    tests.push((r) => r.model !== undefined && re.test(r.model));
  }
  if (m.tag !== undefined) tests.push((r) => r.tag === m.tag);
  if (m.key !== undefined) tests.push((r) => r.key === m.key);
  if (m.sub_account !== undefined) tests.push((r) => r.subAccount === m.sub_account);
  if (m.prompt !== undefined) {
    const test = textPattern(m.prompt, 'prompt');
    tests.push((r) => r.prompt !== undefined && test(r.prompt));
  }
  return {
    rule: { ...input, id, hits: 0, remaining: input.times ?? null, source },
    test: (r) => tests.every((t) => t(r)),
  };
}

/**
 * Scripted replies: rules tried in order (the `--scenario` file's first, then those added at run
 * time); the first that matches, with hits left, answers. Not saved in `--state`: a reset goes back
 * to the file's rules.
 */
export class Scenarios implements StatePart {
  private rules: Compiled[] = [];
  private next = 1;

  constructor(private readonly fileRules: readonly ScenarioRuleInput[] = []) {
    this.clear();
  }

  /** Validates and appends rules (one, or `{ scenarios: [...] }`); throws `ScenarioValidationError`. */
  add(value: unknown, source: 'file' | 'api' = 'api'): ScenarioRule[] {
    const added = parseScenarios(value).map((input) => compile(input, `scn_${this.next++}`, source));
    this.rules.push(...added);
    return added.map((c) => c.rule);
  }

  list(): ScenarioRule[] {
    return this.rules.map((c) => ({ ...c.rule }));
  }

  get size(): number {
    return this.rules.length;
  }

  /** The name of a rule (for `scenario=` journal filters), if it has one. */
  name(id: string): string | null {
    return this.rules.find((c) => c.rule.id === id)?.rule.name ?? null;
  }

  /** The first matching rule with hits left, counted as a hit; undefined when none. */
  take(request: ScenarioRequest): { id: string; reply: ScenarioReply } | undefined {
    for (const c of this.rules) {
      if (c.rule.remaining === 0 || !c.test(request)) continue;
      c.rule.hits += 1;
      if (c.rule.remaining !== null) c.rule.remaining -= 1;
      return { id: c.rule.id, reply: c.rule.reply };
    }
    return undefined;
  }

  /** Removes one rule; false when there is none with that id. */
  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((c) => c.rule.id !== id);
    return this.rules.length < before;
  }

  /** Back to the file's rules, with fresh hit counts. */
  clear(): void {
    this.next = 1;
    this.rules = [];
    if (this.fileRules.length > 0) this.add({ scenarios: this.fileRules }, 'file');
  }
}
