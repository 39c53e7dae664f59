// The only module that imports third-party packages. The library build bundles
// this file into dist/vendor.js, so the published modules have no bare imports
// and load from a plain <script type="module"> with no import map or CDN.
//   wasm-feature-detect — picks the SIMD128 or the scalar build
//   d3-scale-chromatic  — perceptual colour maps (Blues; colour-blind-safe viridis, cividis)
//   @huggingface/tokenizers — a checkpoint's tokenizer.json (WordPiece, byte-level BPE, SentencePiece
//                          Unigram/BPE) run as Hugging Face's Rust tokenizers run it: ~37 KB minified, Apache-2.0,
//                          no dependencies, offline; writing those algorithms again would be the bugs they fixed
// Typed here rather than re-exported: the published vendor.d.ts then names no package a consumer does not
// install (both are bundled, and devDependencies).
import { simd } from 'wasm-feature-detect';
import * as chromatic from 'd3-scale-chromatic';
import { Tokenizer } from '@huggingface/tokenizers';

type Interpolator = (t: number) => string;

export const simdSupported: () => Promise<boolean> = simd;
export const interpolateBlues: Interpolator = chromatic.interpolateBlues;
export const interpolateCividis: Interpolator = chromatic.interpolateCividis;
export const interpolateRdBu: Interpolator = chromatic.interpolateRdBu;
export const interpolateViridis: Interpolator = chromatic.interpolateViridis;
/** Ten categorical colours (the lines view's heads). */
export const schemeTableau10: readonly string[] = chromatic.schemeTableau10;

/** The part of @huggingface/tokenizers' Tokenizer that web/src/checkpoint/tokenizer.ts uses. */
export interface HuggingFaceTokenizer {
  encode(text: string, options?: { add_special_tokens?: boolean }): { ids: number[]; tokens: string[] };
  decode(ids: number[], options?: { skip_special_tokens?: boolean; clean_up_tokenization_spaces?: boolean }): string;
  id_to_token(id: number): string | undefined;
  get_added_tokens_decoder(): Map<number, { special: boolean; content: string }>;
}

/** A tokenizer from tokenizer.json's object and tokenizer_config.json's ({} when there is none). */
export const createHuggingFaceTokenizer = (tokenizerJson: object, tokenizerConfig: object): HuggingFaceTokenizer =>
  new Tokenizer(tokenizerJson, tokenizerConfig) as unknown as HuggingFaceTokenizer;
