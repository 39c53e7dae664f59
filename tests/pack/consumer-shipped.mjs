// A plain Node ESM script, run where only the packed tarball is installed: loads each shipped model through
// shippedModels and runs one of its sentences; prints what it found.
import { loadJumok, shippedModels } from 'jumok';

const sentences = { 'jumok-ko-en': '철수가 사과를 맛있게 먹었다', 'jumok-coref': "The animal didn't cross the street because it was too tired." };
const jm = await loadJumok();
const report = {};
for (const [name, url] of Object.entries(shippedModels)) {
  const model = await jm.loadModel(url);
  const { ids } = model.tokenizer.encode(sentences[name]);
  const options = { inputIds: [ids], logitsAt: 'none' };
  if (model.config.model_type === 'marian') options.decoderInputIds = [[model.config.decoder_start_token_id]];
  report[name] = { url, type: model.config.model_type, layers: model.run(options).attentions.length, heads: model.config.jumok?.heads };
  model.dispose();
}
console.log(JSON.stringify(report));
