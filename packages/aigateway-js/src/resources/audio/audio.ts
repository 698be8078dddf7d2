import { APIResource } from '../../core/resource.js';
import { Music } from './music.js';
import { Speech } from './speech.js';
import { Transcriptions } from './transcriptions.js';

export class Audio extends APIResource {
  readonly speech: Speech = new Speech(this._client);
  readonly transcriptions: Transcriptions = new Transcriptions(this._client);
  readonly music: Music = new Music(this._client);
}
