// One attention widget: controls, notices, the source text and the current view.
// The demo page and <jumok-attention> both drive this class; each instance has
// its own jumok instance, state and DOM, so several on a page never interfere.
import { loadJumok, type Jumok, type LoadOptions } from '../core/jumok.js';
import type { Cell, Heatmap, HeatmapData } from '../render/heatmap.js';
import { COLORMAPS } from '../render/colormaps.js';
import { canvasToPng, download, matrixToCsv } from './export.js';
import { STRINGS, type Strings } from './i18n.js';
import { tokenDescription } from './labels.js';
import { highlightSource, renderSource } from './source.js';
import { defaultState, LANGUAGES, MASKS, PROJECTIONS, type StateNotice, type WidgetState } from './state.js';
import type { ViewScene } from './scenes/scene.js';
import { NumbersError } from './scenes/numbers.js';
import { ATTENTION_KINDS, isEncoderDecoder, type ModelRun } from './scenes/model.js';
import { wordScene } from './scenes/words.js';
import { DISK_MODEL, NoDiskFilesError, TOY_MODEL, type ModelInfo } from './models/slot.js';
import { CoreLoadError, ModelError, SceneSources } from './scene-sources.js';
import { SHIPPED_MODELS } from './models/shipped.js';
import { DiskFilesError } from './models/disk-files.js';
import { forgetCachedModels, type FetchProgress } from './models/fetch-files.js';
import { OpenModelPanel } from './open-model.js';
import { renderModelView } from './model-view.js';
import { renderLinesView } from './lines-view.js';
import { predictionOf, renderPrediction } from './predictions.js';
import { WIDGET_CSS } from './styles.js';
import { renderGrid, renderHeadView, renderSteps, renderTable, weightMatrix, type ViewContext } from './views.js';


export interface WidgetOptions {
  loadOptions?: LoadOptions;
  /** Called after every change the user makes through the controls. */
  onStateChange?: (state: WidgetState) => void;
  /** Show the toolbar (default true). */
  controls?: boolean;
}

/** Above this many weights the tooltip's raw score is skipped unless the step view needs the trace. */
const TRACE_CELL_LIMIT = 1 << 20;
const ZOOM = { min: 0.25, max: 3, step: 0.25 };

type Control = HTMLSelectElement | HTMLInputElement;

function make<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * One constructed sheet per document, adopted by the document or by each widget's shadow root: every widget on a
 * page shares it (it never changes), so its CSS is parsed once, not once per element.
 */
const documentSheets = new WeakMap<Document, CSSStyleSheet>();

/**
 * Styles through adoptedStyleSheets, not a <style> element, so a Content-Security-Policy without
 * style-src 'unsafe-inline' still styles the widget. A sheet can be adopted only within the document
 * it was made for, which is every shadow root's ownerDocument too. A document without a window (made
 * by document.implementation) has no CSSStyleSheet of its own to make one with: nothing is adopted.
 */
function adoptStyles(host: HTMLElement | ShadowRoot) {
  const ownerDocument = host.ownerDocument;
  let sheet = documentSheets.get(ownerDocument);
  if (!sheet) {
    const view = ownerDocument.defaultView;
    if (!view) return;
    sheet = new view.CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    documentSheets.set(ownerDocument, sheet);
  }
  const owner = host instanceof ShadowRoot ? host : ownerDocument;
  if (!owner.adoptedStyleSheets.includes(sheet)) owner.adoptedStyleSheets = [...owner.adoptedStyleSheets, sheet];
}

export class AttentionWidget {
  readonly root: HTMLDivElement = make('div', 'jm-root');
  private state: WidgetState = defaultState();
  private zoom = 1;
  private readonly jm: Promise<Jumok>;
  private headData: HeatmapData | null = null;
  /** The single-head heatmap, kept across renders so a redraw reuses its canvas and listeners. */
  private headHeatmap: Heatmap | null = null;
  /** The scene the head heatmap's listeners read. */
  private shownScene: ViewScene | null = null;
  private readonly sources: SceneSources;
  private shownModel: ModelInfo | null = null;
  /** The checkpoint run drawn, when a model is (its predictions and kind of model). */
  private shownRun: ModelRun | undefined;
  private shownPrediction: { run: unknown; lang: string } | null = null;
  /** Notices the scene brings (rows not summing to 1, unknown words, a model from disk), in the reader's words. */
  private sceneNotices: string[] = [];
  private renderGeneration = 0;
  private readonly openPanel: OpenModelPanel;
  private stateNotices: StateNotice[] = [];
  /** What the toolbar shows, as renderToolbar last built it. */
  private toolbarShows = '';
  private renderQueued = false;
  /**
   * The root's width as the last layout left it, reported by a ResizeObserver: reading getBoundingClientRect()
   * instead, after the editor or the sources changed, made every render lay the page out on the spot and again in
   * the next frame. Undefined until the first report.
   */
  private observedWidth: number | undefined;
  /** The width the current view was drawn for. */
  private drawnWidth: number | undefined;
  private readonly resizeObserver = new ResizeObserver(([entry]) => entry && this.observeWidth(entry));
  private disposed = false;
  private readonly parts = {
    toolbar: make('div', 'jm-toolbar'),
    note: make('p', 'jm-note'),
    notice: make('p', 'jm-notice'),
    progress: make('div', 'jm-progress'),
    open: make('div', 'jm-open'),
    prediction: make('div', 'jm-prediction'),
    sources: make('div', 'jm-sources'),
    view: make('div', 'jm-view'),
    tooltip: make('div', 'jm-tooltip'),
    live: make('div', 'jm-sr'),
  };
  private readonly controls = new Map<string, Control>();

  constructor(host: HTMLElement | ShadowRoot, private readonly options: WidgetOptions = {}) {
    adoptStyles(host);
    // Loading starts at once (after anything here that could throw: a widget never made is never disposed); the
    // first render awaits it.
    this.jm = loadJumok(options.loadOptions);
    this.jm.catch(() => {}); // reported by render(), not as an unhandled rejection
    this.sources = new SceneSources(this.jm, {
      onProgress: (progress) => this.showProgress(progress),
      // Tests and pages wait for data-ready="true" with data-model naming the model.
      onLoading: (loading) => {
        if (loading) this.root.dataset.ready = 'loading';
        else this.parts.progress.hidden = true;
      },
    });
    this.parts.tooltip.hidden = true;
    this.parts.tooltip.setAttribute('role', 'tooltip');
    this.parts.live.setAttribute('aria-live', 'polite');
    this.parts.notice.setAttribute('role', 'status');
    this.parts.toolbar.hidden = options.controls === false;
    this.parts.progress.hidden = true;
    this.openPanel = new OpenModelPanel(this.parts.open, {
      openUrl: (url) => this.userChange({ model: url, src: '' }),
      openFiles: (files) => this.openFiles(files),
      forget: () => forgetCachedModels(),
    });
    this.parts.prediction.hidden = true;
    this.root.append(this.parts.toolbar, this.parts.open, this.parts.progress, this.parts.note, this.parts.notice,
      this.parts.sources, this.parts.prediction, this.parts.view, this.parts.tooltip, this.parts.live);
    host.append(this.root);
    this.resizeObserver.observe(this.root);
  }

  getState(): WidgetState {
    return structuredClone(this.state);
  }

  /** Applies a partial state; notices (e.g. from a URL or attributes) are shown above the view. */
  setState(change: Partial<WidgetState>, notices: StateNotice[] = this.stateNotices) {
    this.state = { ...this.state, ...structuredClone(change) };
    this.stateNotices = notices;
    this.scheduleRender();
  }

  /** Draws attention computed elsewhere (see numbersScene); undefined goes back to the state's source. */
  setNumbers(data: unknown) {
    this.sources.setNumbers(data);
    this.scheduleRender();
  }

  /** A checkpoint picked or dropped from the reader's disk: read here, never uploaded. */
  openFiles(files: File[]) {
    this.sources.models.setDiskFiles(files);
    this.sources.models.release();
    this.userChange({ model: DISK_MODEL, src: '', layer: 0, head: 0 });
  }

  destroy() {
    this.disposed = true;
    this.sources.models.release();
    this.resizeObserver.disconnect();
    this.root.remove();
    void this.jm.then((jm) => jm.dispose(), () => {});
  }

  private observeWidth(entry: ResizeObserverEntry) {
    this.observedWidth = entry.borderBoxSize?.[0]?.inlineSize ?? entry.contentRect.width;
    // Drawn for another width (the page or the container changed size): draw again, in the next frame. A
    // render from within the observer's delivery would resize the root again before the delivery ends (the
    // browser reports "ResizeObserver loop completed with undelivered notifications").
    if (this.drawnWidth !== undefined && this.availableWidth() !== this.drawnWidth) {
      requestAnimationFrame(() => this.scheduleRender());
    }
  }

  private get strings(): Strings {
    return STRINGS[this.state.lang];
  }

  private scheduleRender() {
    if (this.renderQueued) return;
    this.renderQueued = true;
    queueMicrotask(() => {
      this.renderQueued = false;
      void this.render();
    });
  }

  private userChange(change: Partial<WidgetState>) {
    // Choosing a layer or head by hand (or another model) leaves the role the state had named.
    if (('layer' in change || 'head' in change) && !('headRole' in change)) change = { ...change, headRole: '' };
    this.setState(change);
    this.options.onStateChange?.(this.getState());
  }

  // ---------------------------------------------------------------- rendering

  private needsTrace(): boolean {
    const { sentences, heads, maxTokens, view } = this.state;
    return view === 'steps' || sentences.length * heads * maxTokens * maxTokens <= TRACE_CELL_LIMIT;
  }

  /** What the state asks to draw (web/src/ui/scene-sources.ts), in whole words when the toggle is on. */
  private async updateScene(): Promise<ViewScene> {
    const result = await this.sources.scene(this.state, this.strings, this.needsTrace());
    this.sceneNotices = result.notices;
    this.shownModel = result.model;
    this.shownRun = result.run;
    // A head named by its role: the state shows it (as a clamped head is shown), the role stays for links.
    if (result.namedHead) Object.assign(this.state, result.namedHead);
    return this.withWords(result.scene);
  }

  /** Whole words when the toggle is on (not in the step view: Q, K and V belong to pieces). */
  private withWords(scene: ViewScene): ViewScene {
    if (!this.state.words || this.state.view === 'steps') return scene;
    return wordScene(scene) ?? scene;
  }

  private showProgress({ loaded, total }: FetchProgress) {
    const bar = this.parts.progress;
    if (bar.hidden) {
      bar.replaceChildren(make('span', 'jm-progress-label', this.strings.loadingModel), make('progress'));
      bar.hidden = false;
    }
    const progress = bar.querySelector('progress')!;
    if (total) progress.value = Math.min(1, loaded / total);
    else progress.removeAttribute('value');
    bar.dataset.loaded = String(loaded);
  }

  private async render() {
    if (this.disposed) return;
    // Setting lang, even to the same value, makes the browser recompute style at once.
    if (this.root.lang !== this.state.lang) this.root.lang = this.state.lang;
    const generation = ++this.renderGeneration;
    let scene: ViewScene;
    try {
      scene = this.withWords(await this.updateScene());
      if (generation !== this.renderGeneration) return;  // a later render (a newer state) draws instead
    } catch (error) {
      if (generation !== this.renderGeneration) return;
      this.sources.forget();
      this.showError(error as Error);
      return;
    }
    if (this.disposed) return;
    this.state.head = Math.min(this.state.head, scene.heads - 1);
    this.state.row = Math.min(this.state.row, scene.batch - 1);
    const width = this.availableWidth(); // before the DOM changes below, in case it has to be measured
    this.renderToolbar(scene);
    this.renderNotes(scene);
    this.renderSources(scene);
    this.renderPrediction(scene);
    const viewStart = performance.now();
    this.renderView(scene, width);
    // The view's drawing alone, after the numbers are computed (read by the bench: the model view's figure).
    performance.measure('jumok:view', { start: viewStart, detail: this.state.view });
    this.drawnWidth = width;
    if (this.root.dataset.ready !== 'true') performance.mark('jumok:first-heatmap'); // read by npm run bench
    this.root.dataset.ready = 'true';
    this.root.dataset.source = scene.source;
    this.root.dataset.model = scene.source === 'model' ? this.state.model : '';
  }

  // The state notices stay beside the error: a value that was ignored can be why the input cannot be drawn.
  private showError(error: Error) {
    this.parts.notice.classList.add('jm-error');
    const notices = this.noticeTexts().join(' ');
    this.parts.notice.textContent = `${this.errorText(error)}${notices ? ` · ${notices}` : ''}`;
    // A model that failed leaves the model menu and Open a model… (the rest of the toolbar needs a scene): the
    // reader can always choose another.
    if (error instanceof ModelError || error instanceof NoDiskFilesError || error instanceof DiskFilesError) {
      this.parts.toolbar.replaceChildren(...this.sourceControls(null));
      this.toolbarShows = '';
    }
    this.parts.view.replaceChildren();
    this.parts.sources.replaceChildren();
    this.parts.prediction.hidden = true;
    this.shownPrediction = null;
    this.parts.note.textContent = '';
    this.root.dataset.ready = 'error';
  }

  private errorText(error: Error): string {
    const t = this.strings;
    if (error instanceof CoreLoadError) return `${t.loadError}: ${error.message}`;
    if (error instanceof NumbersError) return `${t.numbersError}: ${t.numbersProblem(error.problem)}`;
    if (error instanceof NoDiskFilesError) return t.diskModelMissing;
    if (error instanceof DiskFilesError) return `${t.modelError}: ${t.diskFilesMissing(error.missing, error.names)}`;
    if (error instanceof ModelError) return `${t.modelError}: ${error.message}`;
    return `${t.error}: ${error.message}`;
  }

  private renderNotes(scene: ViewScene) {
    const t = this.strings;
    const head = this.state.head < 0 ? t.average : t.headOf(this.state.head + 1, scene.heads);
    const layer = scene.layers.length > 1 ? [t.layerOf(scene.layer + 1, scene.layers.length)] : [];
    const model = this.shownModel ? [t.modelSummary(this.shownModel)] : [];
    const kind = scene.source === 'model' && scene.cross ? t.crossModelNote : scene.cross ? t.crossNote : t.selfNote;
    this.parts.note.textContent = [...model, kind, t.tokens(scene.queryLength), ...layer, head].join(' · ');
    this.parts.notice.classList.remove('jm-error');
    const notices = [...this.noticeTexts(), ...this.sceneNotices];
    if (scene.truncated) notices.push(t.cut(scene.cutAt ?? this.state.maxTokens));
    this.parts.notice.textContent = notices.join(' ');
  }

  private noticeTexts(): string[] {
    const t = this.strings;
    return this.stateNotices.map((n) =>
      (n.keptLines ? t.keptLines(n.key, n.given, n.keptLines) : t.notice(n.key, n.given, n.expected)));
  }

  private renderSources(scene: ViewScene) {
    const sources = this.parts.sources;
    sources.replaceChildren();
    const row = this.state.row;
    renderSource(sources, scene.queryTexts[row] ?? '', scene.queryTokens[row], 'query');
    if (scene.cross || scene.queryTexts[row] !== scene.keyTexts[row]) {
      renderSource(sources, scene.keyTexts[row] ?? '', scene.keyTokens[row], 'key');
    } else {
      sources.querySelector('.jm-source')?.classList.add('jm-source-key');
    }
  }

  private renderPrediction(scene: ViewScene) {
    const run = scene.source === 'model' ? this.shownRun : undefined;
    // The same run in the same language: its prediction is already drawn (and softmax over the vocabulary skipped).
    if (this.shownPrediction?.run === run && this.shownPrediction?.lang === this.state.lang) return;
    this.shownPrediction = { run, lang: this.state.lang };
    renderPrediction(this.parts.prediction, run ? predictionOf(run) : null, this.strings, (text) => {
      const sentences = [...this.state.sentences];
      sentences[0] = `${sentences[0] ?? ''}${text}`;
      this.userChange({ sentences });
    });
  }

  /** The width a view may take, in CSS pixels. */
  private availableWidth(): number {
    // Before the observer's first report, measured (which lays the page out if anything changed since the last layout).
    const rootWidth = this.observedWidth ?? this.root.getBoundingClientRect().width;
    return Math.max(280, (rootWidth || 800) - 8);
  }

  private viewContext(scene: ViewScene, width = this.availableWidth()): ViewContext {
    return { scene, state: this.state, strings: this.strings, width, style: { colormap: this.state.colormap, zoom: this.zoom, maskedLabel: this.strings.masked } };
  }

  private renderView(scene: ViewScene, width: number) {
    const context = this.viewContext(scene, width);
    this.shownScene = scene;
    this.parts.view.dataset.view = this.state.view;
    switch (this.state.view) {
      case 'grid':
        renderGrid(this.parts.view, context, (head) => this.userChange({ view: 'head', head }));
        break;
      case 'steps':
        renderSteps(this.parts.view, context);
        break;
      case 'table':
        renderTable(this.parts.view, context);
        break;
      case 'model':
        renderModelView(this.parts.view, context, (layer, head) => this.userChange({ view: 'head', layer, head }));
        break;
      case 'lines':
        renderLinesView(this.parts.view, context);
        break;
      default: {
        const { heatmap, data } = renderHeadView(this.parts.view, context, this.headHeatmap);
        this.headData = data;
        if (heatmap !== this.headHeatmap) this.wireHeatmap(heatmap);
        this.headHeatmap = heatmap;
      }
    }
  }

  // ---------------------------------------------------------------- heatmap interaction

  private describeCell(scene: ViewScene, cell: Cell): { text: string; masked: boolean } {
    const data = this.headData!;
    const k = cell.row * data.columnLabels.length + cell.column;
    const tokens = { query: scene.queryTokens[this.state.row]?.[cell.row], key: scene.keyTokens[this.state.row]?.[cell.column] };
    const query = tokens.query ? tokenDescription(tokens.query) : data.rowLabels[cell.row];
    const key = tokens.key ? tokenDescription(tokens.key) : data.columnLabels[cell.column];
    const masked = data.masked?.[k] === 1;
    if (masked) return { text: this.strings.announceMasked(query, key), masked };
    let text = this.strings.announce(query, key, data.values[k].toFixed(2));
    const head = this.state.head;
    if (head >= 0 && scene.trace) {  // the average has no single raw score; and the trace is computed on first read
      const cellIndex = ((this.state.row * scene.heads + head) * scene.queryLength + cell.row) * scene.keyLength + cell.column;
      text += ` (${this.strings.score} ${scene.trace.scaled[cellIndex].toFixed(2)})`;
    }
    return { text, masked };
  }

  private showCell(scene: ViewScene, cell: Cell | null, pointer?: { x: number; y: number }) {
    const tooltip = this.parts.tooltip;
    highlightSource(this.parts.sources, cell ? cell.row : -1, cell ? cell.column : -1);
    if (!cell) {
      tooltip.hidden = true;
      return;
    }
    const { text } = this.describeCell(scene, cell);
    tooltip.textContent = text;
    if (pointer) {
      tooltip.hidden = false;  // shown first, so that its width can be read
      const box = this.root.getBoundingClientRect(), x = pointer.x - box.left, width = tooltip.offsetWidth;
      // Right of the pointer, or left of it near the widget's right edge (past it, it widened the page on a phone).
      tooltip.style.left = `${x + 14 + width <= box.width ? x + 14 : Math.max(0, x - 14 - width)}px`;
      tooltip.style.top = `${pointer.y - box.top + 14}px`;
    } else {
      tooltip.hidden = true;
      this.parts.live.textContent = text;
    }
  }

  private wireHeatmap(heatmap: Heatmap) {
    const canvas = heatmap.canvas;
    canvas.addEventListener('pointermove', (event) => {
      if (!this.shownScene) return;
      const box = canvas.getBoundingClientRect();
      const cell = heatmap.cellAt(event.clientX - box.left, event.clientY - box.top);
      heatmap.setHover(cell);
      this.showCell(this.shownScene, cell, { x: event.clientX, y: event.clientY });
    });
    canvas.addEventListener('pointerleave', () => {
      heatmap.setHover(null);
      if (this.shownScene) this.showCell(this.shownScene, null);
    });
    canvas.addEventListener('keydown', (event) => this.shownScene && this.onHeatmapKey(event, heatmap, this.shownScene));
    canvas.addEventListener('focus', () => {
      if (this.shownScene && !heatmap.getFocus()) this.moveFocus(heatmap, this.shownScene, { row: 0, column: 0 });
    });
  }

  private onHeatmapKey(event: KeyboardEvent, heatmap: Heatmap, scene: ViewScene) {
    const focus = heatmap.getFocus() ?? { row: 0, column: 0 };
    const moves: Record<string, Cell> = {
      ArrowUp: { row: focus.row - 1, column: focus.column }, ArrowDown: { row: focus.row + 1, column: focus.column },
      ArrowLeft: { row: focus.row, column: focus.column - 1 }, ArrowRight: { row: focus.row, column: focus.column + 1 },
      Home: { row: focus.row, column: 0 }, End: { row: focus.row, column: scene.keyLength - 1 },
    };
    const next = moves[event.key];
    if (!next) return;
    event.preventDefault();
    this.moveFocus(heatmap, scene, {
      row: Math.max(0, Math.min(scene.queryLength - 1, next.row)),
      column: Math.max(0, Math.min(scene.keyLength - 1, next.column)),
    });
  }

  private moveFocus(heatmap: Heatmap, scene: ViewScene, cell: Cell) {
    heatmap.setFocus(cell);
    this.showCell(scene, cell);
  }

  // ---------------------------------------------------------------- toolbar

  private select(key: string, label: string, options: [string, string][], value: string, onChange: (value: string) => void) {
    let control = this.controls.get(key) as HTMLSelectElement | undefined;
    const wrapper = make('label');
    if (!control) {
      control = make('select');
      control.name = key;
      control.addEventListener('change', () => onChange(control!.value));
      this.controls.set(key, control);
    }
    control.replaceChildren(...options.map(([optionValue, text]) => new Option(text, optionValue)));
    control.value = value;
    wrapper.append(label, control);
    return wrapper;
  }

  private renderToolbar(scene: ViewScene) {
    const t = this.strings, s = this.state;
    // A rebuilt toolbar costs a style and layout pass (each select measures all its options) on every
    // keystroke in the sentence, so it is rebuilt only when something it shows has changed.
    const shows = JSON.stringify([s.lang, s.view, s.head, s.row, s.mask, s.projection, s.colormap, s.positional,
      this.zoom, scene.heads, scene.batch > 1 ? s.sentences : [], s.model, s.layer, s.attentionKind, s.words,
      scene.layers.length, scene.source, this.sources.hasNumbers || s.src !== '']);
    if (shows === this.toolbarShows) return;
    this.toolbarShows = shows;
    const views = make('div', 'jm-views');
    views.setAttribute('role', 'group');
    views.setAttribute('aria-label', t.view);
    const viewNames = [['head', t.viewHead], ['grid', t.viewGrid], ['model', t.viewModel], ['lines', t.viewLines],
      ['steps', t.viewSteps], ['table', t.viewTable]] as const;
    // Own numbers have no Q, K or V to step through.
    for (const [view, text] of viewNames.filter(([view]) => view !== 'steps' || scene.source !== 'numbers')) {
      const button = make('button', '', text);
      button.type = 'button';
      button.dataset.view = view;
      button.setAttribute('aria-pressed', String(s.view === view));
      button.addEventListener('click', () => this.userChange({ view }));
      views.append(button);
    }
    const heads: [string, string][] = Array.from({ length: scene.heads }, (_, h) => [String(h), String(h + 1)]);
    if (s.view !== 'steps') heads.push(['-1', s.view === 'lines' ? t.allHeadsOverlaid : t.average]);
    const items: HTMLElement[] = [views, ...this.sourceControls(scene)];
    if (scene.layers.length > 1) {
      const layers: [string, string][] = scene.layers.map((_, l) => [String(l), String(l + 1)]);
      items.push(this.select('layer', t.layer, layers, String(scene.layer), (v) => this.userChange({ layer: Number(v) })));
    }
    items.push(this.select('head', t.head, heads, String(Math.max(s.view === 'steps' ? 0 : -1, s.head)), (v) => this.userChange({ head: Number(v) })));
    if (scene.batch > 1) {
      const rows: [string, string][] = s.sentences.map((sentence, b) => [String(b), `${b + 1}: ${[...sentence].slice(0, 16).join('')}`]);
      items.push(this.select('row', t.row, rows, String(s.row), (v) => this.userChange({ row: Number(v) })));
    }
    const maskNames = { padding: t.maskPadding, causal: t.maskCausal, both: t.maskBoth, none: t.maskNone };
    // Mask and projection are the toy's: a checkpoint has its own, and numbers are drawn as given.
    if (scene.source !== 'numbers') items.push(this.checkbox('words', t.words, s.words, (checked) => this.userChange({ words: checked })));
    if (scene.source === 'toy') items.push(
      this.select('mask', t.mask, MASKS.map((m) => [m, maskNames[m]]), s.mask, (v) => this.userChange({ mask: v as WidgetState['mask'] })),
      this.select('projection', t.projection, PROJECTIONS.map((p) => [p, p === 'identity' ? t.projectionIdentity : t.projectionProjected]),
        s.projection, (v) => this.userChange({ projection: v as WidgetState['projection'] })),
      this.checkbox('positional', t.positional, s.positional, (checked) => this.userChange({ positional: checked })),
    );
    items.push(
      this.select('colormap', t.colormap, Object.keys(COLORMAPS).map((c) => [c, c]), s.colormap,
        (v) => this.userChange({ colormap: v as WidgetState['colormap'] })),
      this.select('lang', t.language, LANGUAGES.map((l) => [l, l === 'ko' ? '한국어' : 'English']), s.lang,
        (v) => this.userChange({ lang: v as WidgetState['lang'] })),
      this.zoomControl(t),
      this.exportButton('png', t.exportPng, () => void this.exportPng()),
      this.exportButton('csv', t.exportCsv, () => this.exportCsv()),
    );
    this.parts.toolbar.replaceChildren(...items);
  }

  /** The model chooser, "Open a model…", and for encoder–decoder models the attention kind. */
  private sourceControls(scene: ViewScene | null): HTMLElement[] {
    const t = this.strings, s = this.state;
    if (this.sources.hasNumbers || s.src) return [];
    const models: [string, string][] = [[TOY_MODEL, t.modelToy], ...SHIPPED_MODELS.map((name): [string, string] => [name, name])];
    if (s.model === DISK_MODEL) models.push([DISK_MODEL, this.sources.models.diskName() || t.modelDisk]);
    else if (!models.some(([value]) => value === s.model)) models.push([s.model, s.model]);
    const items: HTMLElement[] = [
      this.select('model', t.model, models, s.model, (v) => this.userChange({ model: v, layer: 0, head: 0 })),
      this.openPanel.toggleButton(t),
    ];
    const model = this.shownRun?.model;
    if (scene?.source === 'model' && model && isEncoderDecoder(model)) {
      const names = { encoder: t.attentionEncoder, decoder: t.attentionDecoder, cross: t.attentionCross };
      items.push(this.select('attentionKind', t.attention, ATTENTION_KINDS.map((k) => [k, names[k]]), s.attentionKind,
        (v) => this.userChange({ attentionKind: v as WidgetState['attentionKind'], layer: 0, head: 0 })));
    }
    return items;
  }

  private checkbox(key: string, label: string, checked: boolean, onChange: (checked: boolean) => void) {
    const wrapper = make('label');
    const input = make('input');
    input.type = 'checkbox';
    input.name = key;
    input.checked = checked;
    input.addEventListener('change', () => onChange(input.checked));
    wrapper.append(input, label);
    return wrapper;
  }

  private zoomControl(t: Strings) {
    const wrapper = make('label');
    const input = make('input');
    input.type = 'range';
    input.name = 'zoom';
    Object.assign(input, { min: String(ZOOM.min), max: String(ZOOM.max), step: String(ZOOM.step), value: String(this.zoom) });
    input.addEventListener('change', () => {
      this.zoom = Number(input.value);
      this.scheduleRender();
    });
    wrapper.append(t.zoom, input);
    return wrapper;
  }

  private exportButton(kind: string, label: string, onClick: () => void) {
    const button = make('button', 'jm-export', label);
    button.type = 'button';
    button.dataset.export = kind;
    button.addEventListener('click', onClick);
    return button;
  }

  private exportName(extension: string) {
    const head = this.state.head < 0 ? 'average' : `head${this.state.head + 1}`;
    return `jumok-${head}-sentence${this.state.row + 1}.${extension}`;
  }

  private async exportPng() {
    if (!this.shownScene) return;
    // A fresh drawing of the current matrix: no hover overlay, whatever view is open.
    const { heatmap } = renderHeadView(make('div'), this.viewContext(this.shownScene));
    download(this.root, await canvasToPng(heatmap.canvas), this.exportName('png'));
  }

  private exportCsv() {
    const scene = this.shownScene;
    if (!scene) return;
    const data = weightMatrix(this.viewContext(scene));
    // Plain token texts (not the "+를" display labels, which a spreadsheet would read as a formula).
    const row = this.state.row;
    const texts = (tokens: { text: string }[]) => tokens.map((token) => token.text);
    const csv = matrixToCsv(texts(scene.queryTokens[row]), texts(scene.keyTokens[row]), data.values);
    download(this.root, new Blob([csv], { type: 'text/csv;charset=utf-8' }), this.exportName('csv'));
  }
}
