// A streamed message arrives as thousands of small pieces. `text += piece` keeps one string object
// per piece (and the piece itself) alive for the whole stream, which every young-generation GC then
// copies and promotes; joining the pieces every BLOCK appends keeps a few flat strings instead.
const BLOCK = 256;

/** Text appended piece by piece; `toString()` gives all of it. */
export class TextBuffer {
  #joined = '';
  // A fixed block written by index: no push and no shrink-and-regrow of the array per block.
  readonly #pieces: string[] = new Array<string>(BLOCK).fill('');
  #count = 0;

  append(piece: string): void {
    this.#pieces[this.#count++] = piece;
    if (this.#count === BLOCK) {
      this.#joined += this.#pieces.join('');
      this.#count = 0;
    }
  }

  toString(): string {
    return this.#count === 0 ? this.#joined : this.#joined + this.#pieces.slice(0, this.#count).join('');
  }
}
