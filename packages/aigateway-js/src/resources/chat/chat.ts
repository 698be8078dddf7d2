import { APIResource } from '../../core/resource.js';
import { Completions } from './completions.js';

export class Chat extends APIResource {
  readonly completions: Completions = new Completions(this._client);
}
