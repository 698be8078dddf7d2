import { patterns } from 'aigateway-contract';

// The key lives in sessionStorage only: it is gone when the tab closes, is never written into the
// page or a URL, and is sent (in Authorization) to this origin only (the page's CSP forbids others).
const STORAGE = 'aigateway-emulator.key';

const API_KEY = new RegExp(patterns.apiKey);

/** Why a typed key cannot be right, before anything is sent with it; undefined when it may be. */
export function keyProblem(key: string): string | undefined {
  if (key === '') return 'Enter the key the emulator printed when it started (sk-aig-…).';
  if (/\s/.test(key)) return 'The key has spaces in it: paste it again without them.';
  if (!key.startsWith('sk-aig-')) return "An AIgateway key starts with 'sk-aig-'.";
  if (!API_KEY.test(key))
    return "That is not a whole key: after 'sk-aig-' come at least 4 printable characters.";
  return undefined;
}

export function loadKey(): string {
  try {
    return sessionStorage.getItem(STORAGE) ?? '';
  } catch {
    return '';
  }
}

export function saveKey(key: string): void {
  try {
    if (key) sessionStorage.setItem(STORAGE, key);
    else sessionStorage.removeItem(STORAGE);
  } catch {
    // Storage disabled: the key lasts until the page is closed.
  }
}
