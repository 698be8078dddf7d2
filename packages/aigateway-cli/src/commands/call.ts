import type { DefineCommand } from '../command-manifest.js';

export const define: DefineCommand = () => {};
