import type { AIgateway } from '../client.js';

/** Base of every resource: holds the client whose request core its methods delegate to. */
export class APIResource {
  protected _client: AIgateway;
  constructor(client: AIgateway) {
    this._client = client;
  }
}
