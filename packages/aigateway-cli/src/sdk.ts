import type { AIgateway, ClientOptions } from 'aigateway-js/client';

/** Builds the SDK client for a command; tests inject one, the binary uses aigateway-js. */
export type ClientFactory = (options: ClientOptions) => AIgateway | Promise<AIgateway>;

/** Loads aigateway-js only when a command first needs the API, so `--help` and `--version` stay fast. */
export const defaultClientFactory: ClientFactory = async (options) => {
  const { AIgateway: Client } = await import('aigateway-js/client');
  return new Client(options);
};
