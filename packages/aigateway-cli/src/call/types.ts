import type { AIgateway } from 'aigateway-js/client';
import type { Runtime } from '../runtime.js';

/** The flags of `aig call`, as commander parses them. */
export interface CallFlags {
  endpoint?: string;
  stream: boolean;
  system?: string;
  image?: string;
  file?: string;
  out?: string;
  force?: boolean;
  wait: boolean;
  webhookUrl?: string;
  maxTokens?: string;
  temperature?: string;
  voice?: string;
  to?: string;
  from?: string;
  labels?: string;
  doc?: string[];
  documents?: string;
  topN?: string;
  threshold?: string;
  duration?: string;
}

/** What every modality handler of `aig call` receives. */
export interface CallContext {
  rt: Runtime;
  client: AIgateway;
  model: string;
  /** The text input (piped stdin, then the argument); undefined when none was given. */
  input: string | undefined;
  /** Piped stdin as bytes, when it was read (`--file -` uploads it). */
  stdin: Buffer | undefined;
  flags: CallFlags;
}
