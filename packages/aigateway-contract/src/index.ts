export * from './generated/wire.js';
export * from './generated/llms.js';
