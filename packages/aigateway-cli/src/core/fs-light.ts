// node:fs/promises brings readline, fs watchers and directory handles with it (~8 M instructions at start-up on
// Node 20, ~4 % of `aig models`): the reads and stats on every command's path go through node:fs's callbacks,
// which Node has loaded anyway. Same results and errors (code, path) as node:fs/promises.
import { readFile as readFileCallback, stat as statCallback } from 'node:fs';
import { promisify } from 'node:util';

/** fs/promises' stat. */
export const stat = promisify(statCallback);

/** fs/promises' readFile. */
export const readFile = promisify(readFileCallback);
