// Checks the exported tokenizers with the runtime's own tokenizer package
// (@huggingface/tokenizers): every held-out sentence encodes to the stored
// ids; every Korean word splits as the page's particle splitter splits it
// (web/src/text/particles.ts, its types stripped by Vite's Oxc transform); Hangul stays
// whole syllables; a word outside the lexicon becomes the unknown token.
// decode(ids) gives the text back.
//   node scripts/train/check_tokenizers.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from '@huggingface/tokenizers';
import { transformWithOxc } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MODELS = [
  { name: 'jumok-ko-en', korean: (s) => [s.ko], all: (s) => [[s.ko, s.src_ids], [s.en, s.tgt_ids]], decoded: (s) => [[s.en, s.tgt_ids]],
    seeds: ['철수가 사과를 맛있게 먹었다', '나는 오늘 학교에서 수학 시험을 봤다', '커피 한잔 어때', '오늘 날씨 좋네', '옷이 어울려요'],
    unknown: '영수가 바나나를 먹었다' },
  { name: 'jumok-coref', korean: (s) => (s.language === 'ko' ? [s.text] : []), all: (s) => [[s.text, s.ids]], decoded: (s) => [[s.text, s.ids]],
    seeds: ["The animal didn't cross the street because it was too tired.", '동물은 길을 건너지 않았다. 그것이 너무 피곤했기 때문이다.'],
    unknown: 'The elephant didn\'t cross the street because it was too tired.' },
];
const JAMO = /[\u1100-\u11ff\u3130-\u318f]/u;
const PUNCT = /[\p{P}]/gu;

async function pageSplitter() {
  const source = fs.readFileSync(path.join(root, 'web/src/text/particles.ts'), 'utf8');
  const js = (await transformWithOxc(source, 'particles.ts')).code;
  return (await import('data:text/javascript;base64,' + Buffer.from(js).toString('base64'))).splitParticles;
}

function load(name) {
  const dir = path.join(root, 'web/models', name);
  const read = (f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  return { tokenizer: new Tokenizer(read('tokenizer.json'), read('tokenizer_config.json')), unk: read('tokenizer_config.json').unk_token };
}

function wordsOfTokens(tokens) {
  const words = [];
  for (const t of tokens) {
    if (t.startsWith('##')) words[words.length - 1].push(t.slice(2));
    else if (!PUNCT.test(t) || t.length > 1) words.push([t]);
    PUNCT.lastIndex = 0;
  }
  return words;
}

const splitParticles = await pageSplitter();
let failures = 0;
const fail = (msg) => { failures++; if (failures <= 20) console.error('FAIL', msg); };

for (const model of MODELS) {
  const { tokenizer, unk } = load(model.name);
  const special = new Set(tokenizer.encode('').tokens);
  const heldout = JSON.parse(fs.readFileSync(path.join(root, 'tests/models', model.name + '.heldout.json'), 'utf8')).sentences;
  let checked = 0;
  for (const s of heldout) {
    for (const [text, ids] of model.all(s)) {
      const got = tokenizer.encode(text).ids;
      if (JSON.stringify(got) !== JSON.stringify(ids)) fail(`${model.name}: ${text} -> ${got} (stored ${ids})`);
      checked++;
    }
    for (const [text, ids] of model.decoded(s)) {
      const back = tokenizer.decode(ids, { skip_special_tokens: true });
      if (back !== text) fail(`${model.name}: decode gives ${back} for ${text}`);
    }
    for (const text of model.korean(s)) {
      const tokens = tokenizer.encode(text).tokens.filter((t) => !special.has(t));
      const ours = wordsOfTokens(tokens);
      const page = text.replace(PUNCT, ' ').split(/\s+/).filter(Boolean).map((w) => splitParticles(w));
      if (JSON.stringify(ours) !== JSON.stringify(page)) fail(`${model.name}: ${text}: ${JSON.stringify(ours)} vs page ${JSON.stringify(page)}`);
      for (const t of tokens) if (JAMO.test(t)) fail(`${model.name}: ${t} is not whole syllables`);
    }
  }
  for (const text of model.seeds) {
    const e = tokenizer.encode(text);
    if (e.tokens.includes(unk)) fail(`${model.name}: seed ${text} has an unknown word`);
    console.log(`${model.name}: ${text} -> ${e.tokens.join(' ')}`);
  }
  const u = tokenizer.encode(model.unknown).tokens;
  if (!u.includes(unk)) fail(`${model.name}: ${model.unknown} has no ${unk}`);
  console.log(`${model.name}: ${model.unknown} -> ${u.join(' ')}`);
  console.log(`${model.name}: ${checked} held-out texts encode to their stored ids and decode back`);
}
if (failures) { console.error(`${failures} failure(s)`); process.exit(1); }
console.log('tokenizers: all checks passed');
