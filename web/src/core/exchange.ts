// Moves arrays across the JS↔wasm boundary for one Engine: a typed-array copy
// into the slot the engine prepared, and a slice out of the slot it filled.
// That is one memcpy each way, where Embind's val would have taken a dozen
// round trips per call (the protocol is described in cpp/bindings/embind.cpp).
//
// The HEAP views are read from the module at every copy: memory growth
// replaces them, and none is ever handed to the caller.
import type { Engine, JumokWasmModule, SlotName } from './wasm-module.js';

export class Exchange {
  private readonly table: number;  // uint32 index of the [address, count] pairs
  private readonly slots: Record<SlotName, number>;

  constructor(private readonly module: JumokWasmModule, engine: Engine) {
    this.table = engine.exchangeAddress() >>> 2;
    this.slots = engine.slots();
  }

  /** The length the engine is told for an optional array: −1 when it is absent. */
  static lengthOf(array: ArrayLike<number> | null): number {
    return array ? array.length : -1;
  }

  /** Copies `array` into its slot (after prepare*); an absent array is skipped. */
  write(slot: SlotName, array: Float32Array | Int32Array | null): void {
    if (!array) return;
    const [address] = this.entry(slot);
    const heap = array instanceof Int32Array ? this.module.HEAP32 : this.module.HEAPF32;
    heap.set(array, address >>> 2);
  }

  /** A fresh copy of a slot's result (after run*). */
  read(slot: SlotName): Float32Array {
    const [address, count] = this.entry(slot);
    const start = address >>> 2;
    return this.module.HEAPF32.slice(start, start + count);
  }

  /** Whether the last run filled this slot. */
  has(slot: SlotName): boolean {
    return this.entry(slot)[1] > 0;
  }

  private entry(slot: SlotName): [address: number, count: number] {
    const table = this.module.HEAPU32, index = this.table + 2 * this.slots[slot];
    return [table[index], table[index + 1]];
  }
}
