// The teaching models that ship in the package (web/models, copied to dist/models by scripts/build.sh lib):
// jumok-ko-en, a marian model that translates the tutorials' Korean sentences into English, and jumok-coref, a
// bert model in which a pronoun attends to its antecedent. Their cards (MODEL.md) say how they were trained.
import { besideWasm } from '../core/loader.js';

export const SHIPPED_MODEL_NAMES = ['jumok-ko-en', 'jumok-coref'] as const;
export type ShippedModelName = (typeof SHIPPED_MODEL_NAMES)[number];

/** Folder URLs of the shipped models, for jm.loadModel(shippedModels['jumok-coref']). */
export const shippedModels: Readonly<Record<ShippedModelName, string>> = Object.freeze(
  Object.fromEntries(SHIPPED_MODEL_NAMES.map((name) => [name, besideWasm(`models/${name}/`).href])) as Record<ShippedModelName, string>);
