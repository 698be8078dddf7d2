// commander is CommonJS. Imported as ESM, Node 20 first runs its CommonJS export lexer over it and wraps it in an
// ES module, ~15 ms of CPU on every start; require() loads it as it is. Types still come from `import type`.
import { createRequire } from 'node:module';

/** The commander package (its values: Command, Help, Option, Argument, CommanderError). */
export const commander: typeof import('commander') = createRequire(import.meta.url)('commander');
