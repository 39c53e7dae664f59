// Moves arrays across the JS↔wasm boundary for one Engine: a typed-array copy
// into the slot the engine prepared, and a slice out of the slot it filled.
// That is one memcpy each way, where Embind's val would have taken a dozen
// round trips per call (the protocol is described in cpp/bindings/embind.cpp).
//
// The HEAP views are read from the module at every copy: memory growth
// replaces them, and none is ever handed to the caller.
import type { MultiHeadTrace } from './jumok.js';
import type { JumokWasmModule, SlotName } from './wasm-module.js';

const TRACE_PREFIX = 'trace.';

/** What an exchange needs of an engine (the attention Engine, a ModelEngine). */
interface Exchanging<Name extends string> {
  exchangeAddress(): number;
  slots(): Record<Name, number>;
}

export class Exchange<Name extends string = SlotName> {
  private readonly table: number;  // uint32 index of the [address, count] pairs
  private readonly slots: Record<Name, number>;

  constructor(private readonly module: JumokWasmModule, engine: Exchanging<Name>) {
    this.table = engine.exchangeAddress() >>> 2;
    this.slots = engine.slots();
  }

  /** The value count prepare* is told for an optional array (the engine's absentCount when absent). */
  countOf(array: ArrayLike<number> | null): number {
    return array ? array.length : this.module.absentCount;
  }

  /** Every trace stage the engine has a slot for ("trace.scores" → scores), each a fresh copy (after a traced run). */
  readTrace(): MultiHeadTrace {
    const stages: Record<string, Float32Array> = {};
    for (const name of Object.keys(this.slots) as Name[]) {
      if (name.startsWith(TRACE_PREFIX)) stages[name.slice(TRACE_PREFIX.length)] = this.read(name);
    }
    return stages as unknown as MultiHeadTrace;
  }

  /** Copies `array` into its slot (after prepare*); an absent array is skipped. */
  write(slot: Name, array: Float32Array | Int32Array | null): void {
    if (!array) return;
    const [address] = this.entry(slot);
    const heap = array instanceof Int32Array ? this.module.HEAP32 : this.module.HEAPF32;
    heap.set(array, address >>> 2);
  }

  /**
   * A slot's result (after run*): a fresh copy, or copied into `into`, whose length
   * the caller has checked against count(). Filling an array the caller reuses
   * skips allocating, and first touching, new memory: for megabytes of weights
   * that took longer than the copy itself.
   */
  read(slot: Name, into?: Float32Array): Float32Array {
    const [address, count] = this.entry(slot);
    const start = address >>> 2;
    if (!into) return this.module.HEAPF32.slice(start, start + count);
    into.set(this.module.HEAPF32.subarray(start, start + count));
    return into;
  }

  /** `count` values of a slot's result from `first` on, copied (one layer of several). */
  readPart(slot: Name, first: number, count: number): Float32Array {
    const start = (this.entry(slot)[0] >>> 2) + first;
    return this.module.HEAPF32.slice(start, start + count);
  }

  /** How many values the last run left in a slot (0: not filled). */
  count(slot: Name): number {
    return this.entry(slot)[1];
  }

  private entry(slot: Name): [address: number, count: number] {
    const table = this.module.HEAPU32, index = this.table + 2 * this.slots[slot];
    return [table[index], table[index + 1]];
  }
}
