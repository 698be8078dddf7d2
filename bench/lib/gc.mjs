// What every suite runs between two measured rounds, so no client pays for another's garbage.
//
// A minor GC: nearly all of a round's garbage is young. A full `gc()` is not used: V8 treats it as
// a forced, memory-reducing collection and discards optimized code (and with no request or stream
// alive, the hidden classes it depends on), so every round after one measured the JIT warming up
// again rather than the client. `--trace-opt` over aigateway-js's embeddings loop: 100–150
// functions re-optimized in each round of 1,000 requests after a full GC, against 60 → 6 (tapering)
// with a minor one or none; the clients with more JavaScript paid most (bench/ANALYSIS.md § 5, § 6).
// A long-running process's own major GCs do not do this, so neither may the bench.
export const settle = globalThis.gc ? () => globalThis.gc({ type: 'minor' }) : () => {};
