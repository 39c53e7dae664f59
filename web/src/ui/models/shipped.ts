// The teaching models that ship with jumok, resolved the way the .wasm is: literal new URL(…, import.meta.url)
// per file, so Vite, webpack and Rollup copy them (a folder URL is not something a bundler can follow). The one
// place that knows where they are; when the package exports shippedModels, this reads from there.
export const SHIPPED_MODELS = ['jumok-ko-en', 'jumok-coref'] as const;
export type ShippedModel = (typeof SHIPPED_MODELS)[number];

export interface ModelFileUrls {
  config: URL;
  weights: URL[];
  tokenizer?: URL;
  tokenizerConfig?: URL;
}

export function isShippedModel(name: string): name is ShippedModel {
  return (SHIPPED_MODELS as readonly string[]).includes(name);
}

// Written out per file: a bundler follows only literal paths.
const FILES: Record<ShippedModel, () => ModelFileUrls> = {
  'jumok-ko-en': () => ({
    config: new URL('../../../models/jumok-ko-en/config.json', import.meta.url),
    weights: [new URL('../../../models/jumok-ko-en/model.safetensors', import.meta.url)],
    tokenizer: new URL('../../../models/jumok-ko-en/tokenizer.json', import.meta.url),
    tokenizerConfig: new URL('../../../models/jumok-ko-en/tokenizer_config.json', import.meta.url),
  }),
  'jumok-coref': () => ({
    config: new URL('../../../models/jumok-coref/config.json', import.meta.url),
    weights: [new URL('../../../models/jumok-coref/model.safetensors', import.meta.url)],
    tokenizer: new URL('../../../models/jumok-coref/tokenizer.json', import.meta.url),
    tokenizerConfig: new URL('../../../models/jumok-coref/tokenizer_config.json', import.meta.url),
  }),
};

export function shippedModelFiles(name: ShippedModel): ModelFileUrls {
  return FILES[name]();
}
