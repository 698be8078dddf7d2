// commander is bundled into the CLI's core chunk: loaded as a package it is seven CommonJS files for Node to
// resolve, read and wrap on every start (~12 ms of CPU on Node 20); bundled, ~5 ms.
import * as commanderModule from 'commander';

/** The commander package (its values: Command, Help, Option, Argument, CommanderError). */
export const commander: typeof import('commander') = commanderModule;
