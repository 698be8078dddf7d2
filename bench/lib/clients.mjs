// The three ways a user would call the gateway, all on Node's global fetch (undici's global
// dispatcher: the same keep-alive connection pool, unlimited sockets per origin), so the only
// difference measured is what each client does around fetch.
import { createParser } from 'eventsource-parser';
import OpenAI from 'openai';
import { SDK_ENTRY } from './paths.mjs';

const { AIgateway } = await import(SDK_ENTRY);

export const API_KEY = 'sk-aig-bench0000000000000000';

/**
 * Raw fetch: what an SDK's overhead is measured against. Checks the status, parses the JSON. With
 * `timeoutMs`, each request also carries a timeout that aborts it (an AbortController and a timer,
 * cleared once the body is read), as every client that honours a timeout must.
 */
export function rawClient(baseURL, { timeoutMs } = {}) {
  const headers = {
    authorization: `Bearer ${API_KEY}`,
    'content-type': 'application/json',
    accept: 'application/json',
  };
  const post = timeoutMs
    ? async (path, body) => {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), timeoutMs);
        try {
          const res = await fetch(`${baseURL}${path}`, {
            method: 'POST',
            headers,
            body: JSON.stringify(body),
            signal: controller.signal,
          });
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          return await res.json();
        } finally {
          clearTimeout(timer);
        }
      }
    : async (path, body) => {
        const res = await fetch(`${baseURL}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.json();
      };
  return {
    chat: (body) => post('/chat/completions', body),
    embeddings: (body) => post('/embeddings', body),
    /** eventsource-parser over the fetch body, JSON.parse per event: the floor any SDK stream sits on. */
    async *stream(body) {
      const res = await fetch(`${baseURL}/chat/completions`, {
        method: 'POST',
        headers: { ...headers, accept: 'text/event-stream' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const queue = [];
      const parser = createParser({ onEvent: (event) => queue.push(event.data) });
      const decoder = new TextDecoder();
      for await (const bytes of res.body) {
        parser.feed(decoder.decode(bytes, { stream: true }));
        for (const data of queue) {
          if (data === '[DONE]') return;
          yield JSON.parse(data);
        }
        queue.length = 0;
      }
    },
  };
}

/**
 * undici's own `request` on the dispatcher Node's fetch uses (same pool): the floor under fetch,
 * and what aigateway-js builds on for calls it reads whole on Node. Context only, not a target.
 */
export function undiciClient(baseURL) {
  const url = new URL(baseURL);
  const dispatcher = globalThis[Symbol.for('undici.globalDispatcher.1')];
  if (!dispatcher) throw new Error('undiciClient: call fetch once first (Node loads undici on first use).');
  const headers = {
    authorization: `Bearer ${API_KEY}`,
    'content-type': 'application/json',
    accept: 'application/json',
  };
  const post = async (path, body) => {
    const res = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${path}`,
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    if (res.statusCode < 200 || res.statusCode > 299) throw new Error(`HTTP ${res.statusCode}`);
    return res.body.json();
  };
  return {
    chat: (body) => post('/chat/completions', body),
    embeddings: (body) => post('/embeddings', body),
  };
}

function aigatewayClient(baseURL) {
  const client = new AIgateway({ apiKey: API_KEY, baseURL });
  return {
    chat: (body) => client.chat.completions.create(body),
    embeddings: (body) => client.embeddings.create(body),
    stream: (body) => client.chat.completions.create(body),
  };
}

function openaiClient(baseURL) {
  const client = new OpenAI({ apiKey: API_KEY, baseURL });
  return {
    chat: (body) => client.chat.completions.create(body),
    embeddings: (body) => client.embeddings.create(body),
    stream: (body) => client.chat.completions.create(body),
  };
}

/** Name → client, raw fetch first (it is the anchor). */
export function createClients(baseURL) {
  return {
    fetch: rawClient(baseURL),
    'aigateway-js': aigatewayClient(baseURL),
    openai: openaiClient(baseURL),
  };
}
