// A streamed message arrives as thousands of small pieces. `text += piece` keeps one string object
// per piece (and the piece itself) alive for the whole stream, which every young-generation GC then
// copies and promotes; joining the pieces every BLOCK appends keeps a few flat strings instead.
const BLOCK = 256;

/** Text appended piece by piece; `toString()` gives all of it. */
export class TextBuffer {
  #joined = '';
  readonly #pieces: string[] = [];

  append(piece: string): void {
    this.#pieces.push(piece);
    if (this.#pieces.length === BLOCK) {
      this.#joined += this.#pieces.join('');
      this.#pieces.length = 0;
    }
  }

  toString(): string {
    return this.#pieces.length === 0 ? this.#joined : this.#joined + this.#pieces.join('');
  }
}
