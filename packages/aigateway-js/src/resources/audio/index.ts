export { Audio } from './audio.js';
export * from './music.js';
export * from './speech.js';
export * from './transcriptions.js';
