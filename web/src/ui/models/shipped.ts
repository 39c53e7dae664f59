// The teaching models that ship with jumok: their names and folder URLs come from the package
// (web/src/checkpoint/shipped.ts: beside the .wasm, where the build copies web/models).
export { SHIPPED_MODEL_NAMES as SHIPPED_MODELS, shippedModels } from '../../checkpoint/shipped.js';
import { SHIPPED_MODEL_NAMES, type ShippedModelName } from '../../checkpoint/shipped.js';

export function isShippedModel(name: string): name is ShippedModelName {
  return (SHIPPED_MODEL_NAMES as readonly string[]).includes(name);
}
