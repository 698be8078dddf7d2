export { Chat } from './chat.js';
export * from './completions.js';
