// Where a widget's scene comes from: own numbers (the attention property or src), a checkpoint (loaded once per
// choice, run once per text), or the toy walk-through. Each widget has its own: nothing here is shared.
import type { Jumok } from '../core/jumok.js';
import type { Model } from '../checkpoint/types.js';
import { loadMorphemes } from '../text/morphemes.js';
import { computeScene, prepareScene, ProjectionCache } from '../toy/scene.js';
import type { Strings } from './i18n.js';
import type { WidgetState } from './state.js';
import type { ViewScene } from './scenes/scene.js';
import { toyViewScene } from './scenes/toy.js';
import { numbersScene, NumbersError, parseNumbersText, type NumbersProblem } from './scenes/numbers.js';
import { modelScene, runModel, type ModelRun } from './scenes/model.js';
import { unknownWords } from './scenes/model-tokens.js';
import { DISK_MODEL, modelInfo, ModelSlot, NoDiskFilesError, TOY_MODEL, type ModelInfo } from './models/slot.js';
import { DiskFilesError } from './models/disk-files.js';
import type { FetchProgress } from './models/fetch-files.js';
import { headOf, headRoles } from './models/teaching-heads.js';
import { isShippedModel } from './models/shipped.js';

/** The core (the .wasm) failed to load: not the input's fault, and said differently. */
export class CoreLoadError extends Error {}
/** A checkpoint could not be loaded or run: named as the model's problem. */
export class ModelError extends Error {}

/** State keys that change the toy's numbers (everything else only changes the drawing). */
const TOY_KEYS: (keyof WidgetState)[] = ['sentences', 'crossWith', 'modelDim', 'heads', 'mask', 'projection',
  'positional', 'korean', 'specialTokens', 'lowercase', 'maxTokens'];

export interface SceneResult {
  scene: ViewScene;
  /** What the reader should know about it (rows not summing to 1, unknown words, a model from disk, a layer). */
  notices: string[];
  /** The model drawn, for the note. */
  model: ModelInfo | null;
  run?: ModelRun;
  /** The layer and head the state's headRole names in this model: the widget shows them. */
  namedHead?: { layer: number; head: number };
}

export interface SceneHooks {
  /** A model's files are being read (bytes so far). */
  onProgress(progress: FetchProgress): void;
  /** A model load starts (before its bytes arrive) and ends. */
  onLoading(loading: boolean): void;
}

export class SceneSources {
  /** Attention a page handed over as a property (element.attention): drawn instead of anything computed. */
  private numbers: unknown = undefined;
  private fetchedNumbers: { src: string; data: Promise<unknown> } | null = null;
  private numbersShown: { data: unknown; layer: number; scene: ViewScene; warnings: NumbersProblem[] } | null = null;
  readonly models = new ModelSlot();
  private modelRun: { key: string; run: ReturnType<typeof runModel> } | null = null;
  private toy: { key: string; scene: ViewScene } | null = null;
  private readonly projections = new ProjectionCache();

  constructor(private readonly jm: Promise<Jumok>, private readonly hooks: SceneHooks) {}

  get hasNumbers(): boolean {
    return this.numbers !== undefined;
  }

  setNumbers(data: unknown) {
    this.numbers = data;
    this.numbersShown = null;  // checked again even when it is the same object, changed in place
  }

  /** Forgets the toy's cached scene (after an error, the next render computes it again). */
  forget() {
    this.toy = null;
  }

  /** What the state asks to draw: own numbers first, then a checkpoint, else the toy walk-through. */
  async scene(state: WidgetState, strings: Strings, trace: boolean): Promise<SceneResult> {
    const result = await this.sourceScene(state, strings, trace);
    // A layer the scene does not have (a link made for a deeper model): the last one is drawn, and said.
    if (!result.namedHead && result.scene.layer !== state.layer) result.notices.push(strings.noSuchLayer(state.layer + 1, result.scene.layers.length));
    return result;
  }

  private sourceScene(state: WidgetState, strings: Strings, trace: boolean): Promise<SceneResult> {
    if (this.numbers !== undefined || state.src) return this.numbersScene(state, strings);
    if (state.model !== TOY_MODEL) return this.modelScene(state, strings);
    return this.toyScene(state, trace);
  }

  private loadedCore(): Promise<Jumok> {
    return this.jm.catch((error: Error) => { throw new CoreLoadError(error.message); });
  }

  private async toyScene(s: WidgetState, trace: boolean): Promise<SceneResult> {
    const key = JSON.stringify([TOY_KEYS.map((k) => s[k]), trace]);
    if (this.toy?.key !== key) {
      // Morpheme mode's dictionary (28 MB) loads the first time it is chosen, never before.
      if (s.korean === 'morpheme') await loadMorphemes();
      // Tokens and embeddings first: on the first render this runs while the wasm is still loading.
      const prepared = prepareScene({
        sentences: s.sentences, crossWith: s.crossWith, modelDim: s.modelDim, heads: s.heads, mask: s.mask,
        projection: s.projection, positional: s.positional, trace,
        tokenizer: { korean: s.korean, specialTokens: s.specialTokens, lowercase: s.lowercase, maxTokens: s.maxTokens },
      });
      const jm = await this.loadedCore();
      const crossTexts = s.crossWith.length === 1 ? s.sentences.map(() => s.crossWith[0]) : s.crossWith;
      const scene = toyViewScene(computeScene(jm, prepared, this.projections), s.sentences, prepared.cross ? crossTexts : s.sentences);
      this.toy = { key, scene };
    }
    // The step view draws the trace: a refused one is this render's error (shown as a notice).
    if (s.view === 'steps' && this.toy.scene.traceError) throw this.toy.scene.traceError;
    return { scene: this.toy.scene, notices: [], model: null };
  }

  private async numbersScene(state: WidgetState, strings: Strings): Promise<SceneResult> {
    const data = this.numbers !== undefined ? this.numbers : await this.fetchNumbers(state.src);
    // Checked once per object and layer: a view change or a resize does not walk every number again.
    let shown = this.numbersShown;
    if (!shown || shown.data !== data || shown.layer !== state.layer) {
      shown = { data, layer: state.layer, ...numbersScene(data, state.layer) };
      this.numbersShown = shown;
    }
    return { scene: shown.scene, notices: shown.warnings.map((problem) => strings.numbersProblem(problem)), model: null };
  }

  /** The JSON at src, fetched once per URL (relative to the page). */
  private fetchNumbers(src: string): Promise<unknown> {
    if (this.fetchedNumbers?.src !== src) {
      const data = (async () => {
        const url = new URL(src, document.baseURI);
        let response: Response;
        try {
          response = await fetch(url);
        } catch (error) {
          throw new NumbersError({ kind: 'fetch', url: url.href, detail: (error as Error).message });
        }
        if (!response.ok) throw new NumbersError({ kind: 'fetch', url: url.href, detail: `HTTP ${response.status}` });
        return parseNumbersText(await response.text());
      })();
      this.fetchedNumbers = { src, data };
      data.catch(() => {
        if (this.fetchedNumbers?.data === data) this.fetchedNumbers = null;  // tried again next time
      });
    }
    return this.fetchedNumbers.data;
  }

  private async loadModel(name: string): Promise<{ id: string; model: Model }> {
    const { id, model: loading, loaded } = this.models.get(name, this.loadedCore(), this.hooks.onProgress);
    // Held already (a keystroke's render): no loading state, no bar.
    if (loaded) return { id, model: loaded };
    this.hooks.onLoading(true);
    try {
      return { id, model: await loading };
    } catch (error) {
      if (error instanceof NoDiskFilesError || error instanceof DiskFilesError || error instanceof CoreLoadError) throw error;
      throw new ModelError((error as Error).message);
    } finally {
      this.hooks.onLoading(false);
    }
  }

  private async modelScene(s: WidgetState, t: Strings): Promise<SceneResult> {
    const { id, model } = await this.loadModel(s.model);
    const key = JSON.stringify([id, s.sentences[0] ?? '', s.crossWith[0] ?? '', s.maxTokens]);
    // The model object too: the same files opened again are a new load (the old one was disposed).
    if (this.modelRun?.key !== key || this.modelRun.run.model !== model) {
      try {
        this.modelRun = { key, run: runModel(model, s.sentences[0] ?? '', s.crossWith[0] ?? '', s.maxTokens) };
      } catch (error) {
        throw new ModelError((error as Error).message);
      }
    }
    const run = this.modelRun.run;
    const notices: string[] = [];
    const unknown = unknownWords([...run.source.tokens, ...(run.target?.encoded.tokens ?? [])]);
    if (unknown.length > 0) notices.push(t.unknownWords(unknown));
    if (s.model === DISK_MODEL) notices.push(t.diskModelLink);
    else if (!isShippedModel(s.model)) notices.push(t.modelKept);
    const namedHead = s.headRole ? headOf(model.config, s.headRole) : undefined;
    if (s.headRole && !namedHead) notices.push(t.noHeadRole(s.headRole, headRoles(model.config)));
    const scene = modelScene(run, { kind: s.attentionKind, layer: namedHead?.layer ?? s.layer }, t.noTrace);
    if (s.view === 'steps' && scene.traceError) throw new ModelError(scene.traceError.message);
    const name = s.model === DISK_MODEL ? this.models.diskName() || t.modelDisk : s.model;
    return { scene, notices, model: modelInfo(name, model), run, namedHead };
  }
}
