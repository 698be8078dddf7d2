import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/options.js';
import { type CursorPage, type PagePromise, requestPage } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import {
  paths,
  idParam,
  pathTo,
  subAccountCreateSchema,
  subAccountListSchema,
  subAccountUpdateSchema,
} from '../core/schemas.js';
import type { QueryOf, Schemas } from '../core/types.js';

type SubAccountSchema = Schemas['SubAccount'];
/** A sub-account: its limits, default tag, metadata and this month's spend (never its key). */
export interface SubAccount extends SubAccountSchema {}
/** One page of `subAccounts.list()`. */
export type SubAccountsPage = CursorPage<SubAccount>;
/** A sub-account just created: `key` is shown this once, store it. */
export type SubAccountWithKey = Schemas['SubAccountWithKey'];
type SubAccountListSchema = Schemas['SubAccountList'];
export interface SubAccountList extends SubAccountListSchema {}
type SubAccountDeletedSchema = Schemas['DeletedSubAccount'];
export interface SubAccountDeleted extends SubAccountDeletedSchema {}
type SubAccountCreateParamsSchema = Schemas['SubAccountCreateRequest'];
export interface SubAccountCreateParams extends SubAccountCreateParamsSchema {}
type SubAccountUpdateParamsSchema = Schemas['SubAccountUpdateRequest'];
/** Fields to change; `null` clears a cap, limit or default tag. */
export interface SubAccountUpdateParams extends SubAccountUpdateParamsSchema {}
export type SubAccountListParams = QueryOf<'listSubAccounts'>;

/** Per-customer keys with their own spend cap, rate limit and usage. Needs the top-level key. */
export class SubAccounts extends APIResource {
  /**
   * Creates a sub-account (`POST /v1/sub-accounts`); the result's `key` is shown only once.
   *
   * @example
   * const sub = await client.subAccounts.create({ name: 'customer-123', spend_cap_cents: 10_000, default_tag: 'customer-123' });
   * const customer = client.withOptions({ apiKey: sub.key });
   */
  create(body: SubAccountCreateParams, options?: RequestOptions): APIPromise<SubAccountWithKey> {
    return this._client.post(paths.createSubAccount, {
      ...options,
      body,
      validate: [subAccountCreateSchema, 'subAccounts.create'],
    });
  }

  /**
   * Lists sub-accounts, newest first. Await it for one page (`data`, `has_more`, `getNextPage()`),
   * or iterate it with `for await` for every sub-account of every page.
   *
   * @example
   * for await (const sub of client.subAccounts.list({ limit: 100 })) console.log(sub.name);
   */
  list(query?: SubAccountListParams, options?: RequestOptions): PagePromise<SubAccount> {
    return requestPage(this._client, paths.listSubAccounts, query, {
      ...options,
      validate: [subAccountListSchema, 'subAccounts.list', query],
    });
  }

  /** Retrieves a sub-account with this month's spend. */
  retrieve(id: string, options?: RequestOptions): APIPromise<SubAccount> {
    return this._client.get(pathTo('retrieveSubAccount', { id }), {
      ...options,
      validate: [idParam, 'subAccounts.retrieve', id],
    });
  }

  /** Updates a sub-account (`PATCH`); e.g. raise `spend_cap_cents` after a `BudgetExceededError`. */
  update(id: string, body: SubAccountUpdateParams, options?: RequestOptions): APIPromise<SubAccount> {
    return this._client.patch(pathTo('updateSubAccount', { id }), {
      ...options,
      body,
      validate: [subAccountUpdateSchema, 'subAccounts.update', body],
    });
  }

  /** Deletes a sub-account; its key stops working. */
  delete(id: string, options?: RequestOptions): APIPromise<SubAccountDeleted> {
    return this._client.delete(pathTo('deleteSubAccount', { id }), {
      ...options,
      validate: [idParam, 'subAccounts.delete', id],
    });
  }
}
