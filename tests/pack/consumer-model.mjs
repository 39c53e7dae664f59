// A plain Node ESM script, run where only the packed tarball is installed: loads a checkpoint folder from a
// path (argv[2]), generates greedily from <s> and prints the ids and the decoded text.
import { loadJumok } from 'jumok';

const jm = await loadJumok();
const model = await jm.loadModel(process.argv[2]);
const { ids } = model.generate({ inputIds: [1], maxNewTokens: 40 });
console.log(JSON.stringify({ ids, text: model.tokenizer.decode(ids), layers: model.run({ inputIds: [ids] }).attentions.length }));
model.dispose();
jm.dispose();
