// Cursor pagination (`limit` + `starting_after`, `has_more`), as openai-node's CursorPage: a page
// is the list response (`object`, `data`, `has_more`) plus `hasNextPage()` / `getNextPage()`, and
// iterating a page — or the promise a list method returns — yields every item of every page.
import type { AIgateway, CallOptions } from '../client.js';
import { APIPromise, parseJSON, withRequestID } from './api-promise.js';
import { AIgatewayError } from './errors.js';
import type { QueryParams, RequestOptions } from './options.js';
import type { RawResponse } from './request.js';

/** What a cursor-paginated list endpoint answers. */
export interface CursorPageResponse<Item> {
  object: 'list';
  data: Item[];
  has_more: boolean;
}

/** Where a page came from, so the next one can be asked for the same way. */
interface PageRequest {
  client: AIgateway;
  path: string;
  query: QueryParams | undefined;
  options: RequestOptions;
}

/**
 * One page of a list: `data`, `has_more`, and the way to the next page. `for await` over it
 * yields its items and then every following page's.
 *
 * @example
 * for await (const sub of client.subAccounts.list({ limit: 100 })) console.log(sub.id);
 * let page = await client.evals.list();
 * while (page.hasNextPage()) page = await page.getNextPage();
 */
export class CursorPage<Item extends { id: string }>
  implements CursorPageResponse<Item>, AsyncIterable<Item>
{
  readonly object: 'list';
  data: Item[];
  has_more: boolean;
  readonly #request: PageRequest;

  /** @internal */
  constructor(body: CursorPageResponse<Item>, request: PageRequest) {
    this.object = body.object;
    this.data = body.data;
    this.has_more = body.has_more;
    this.#request = request;
  }

  /** Whether another page follows (the gateway said `has_more` and this page is not empty). */
  hasNextPage(): boolean {
    return this.has_more && this.data.length > 0;
  }

  /** The query of the next page (`starting_after`: this page's last id), or `null` on the last page. */
  nextPageParams(): { starting_after: string } | null {
    const last = this.data.at(-1);
    return this.has_more && last ? { starting_after: last.id } : null;
  }

  /**
   * Fetches the next page, with the same query and request options.
   * @throws {AIgatewayError} on the last page (check `hasNextPage()` first)
   */
  getNextPage(): APIPromise<CursorPage<Item>> {
    const next = this.nextPageParams();
    if (!next) {
      throw new AIgatewayError('No next page: check `page.hasNextPage()` before `page.getNextPage()`.');
    }
    const { client, path, query, options } = this.#request;
    return requestPage<Item>(client, path, { ...query, ...next }, options);
  }

  /** This page and every following one. */
  async *iterPages(): AsyncGenerator<CursorPage<Item>, void, undefined> {
    let page: CursorPage<Item> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

/**
 * What a list method returns: a promise of the first page (`await` it for `data` and `has_more`)
 * that can also be iterated with `for await`, yielding every item of every page.
 */
export class PagePromise<Item extends { id: string }>
  extends APIPromise<CursorPage<Item>>
  implements AsyncIterable<Item>
{
  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    const page = await this;
    yield* page;
  }
}

/** `GET path` as a page; `query` and `options` are kept for the next pages. */
export function requestPage<Item extends { id: string }>(
  client: AIgateway,
  path: string,
  query: QueryParams | undefined,
  options: CallOptions,
): PagePromise<Item> {
  const { validate: _check, ...kept } = options;
  const request: PageRequest = { client, path, query, options: kept };
  const parse = async (raw: RawResponse): Promise<CursorPage<Item>> =>
    withRequestID(
      new CursorPage<Item>(await parseJSON<CursorPageResponse<Item>>(raw), request),
      raw.requestId,
    );
  return new PagePromise<Item>(client._send('GET', path, { ...options, query }, true), parse);
}
