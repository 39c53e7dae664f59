// <jumok-attention>: the attention widget as a custom element in shadow DOM.
//   <script type="module" src="…/jumok/dist/element.js"></script>
//   <jumok-attention sentences="철수가 사과를 맛있게 먹었다." heads="8" view="grid"></jumok-attention>
// Attributes and properties: sentences and cross-with (one sentence per line), heads, model-dim, view, head,
// row, mask, projection, positional, colormap, lang, korean, special-tokens, lowercase, max-tokens, model
// (toy, a shipped model's name or a folder URL), layer, attention-kind, src (own numbers as JSON), words;
// controls="false" hides the toolbar; wasm-url overrides where the .wasm is. The attention property takes own
// numbers as an object (the JSON of src, already parsed).
import { defaultState, languageOf, setFromText, STATE_KEYS, type StateNotice, type WidgetState } from './ui/state.js';
import { AttentionWidget } from './ui/widget.js';

/** kebab-case attribute → state key */
const ATTRIBUTE_KEYS = new Map<string, keyof WidgetState>(
  STATE_KEYS.map((key) => [key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), key]));
const OPTION_ATTRIBUTES = ['controls', 'wasm-url'];

function textOf(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join('\n') : String(value);
}

export class JumokAttentionElement extends HTMLElement {
  static readonly observedAttributes = [...ATTRIBUTE_KEYS.keys(), ...OPTION_ATTRIBUTES];
  private widget: AttentionWidget | null = null;
  private notices = new Map<string, StateNotice>();
  private numbers: unknown = undefined;

  /** Own numbers to draw: { tokens, attention } as in jumok's attention.schema.json; undefined to stop. */
  get attention(): unknown {
    return this.numbers;
  }

  set attention(value: unknown) {
    this.numbers = value;
    this.widget?.setNumbers(value);
  }

  connectedCallback() {
    this.upgradeProperties();
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const wasmUrl = this.getAttribute('wasm-url') ?? undefined;
    this.widget = new AttentionWidget(shadow, {
      controls: this.getAttribute('controls') !== 'false',
      loadOptions: wasmUrl ? { wasmUrl } : {},
      onStateChange: (state) => this.dispatchEvent(new CustomEvent('jumok-change', { detail: state })),
    });
    const state = { ...this.widget.getState(), lang: this.defaults().lang };
    for (const [attribute, key] of ATTRIBUTE_KEYS) {
      const text = this.getAttribute(attribute);
      if (text !== null) this.record(attribute, setFromText(state, key, text));
    }
    if (this.numbers !== undefined) this.widget.setNumbers(this.numbers);
    this.widget.setState(state, [...this.notices.values()]);
  }

  /**
   * A page may set properties before element.js has run (el.attention = data in an inline script): they landed on
   * the plain element and would hide the class's setters. Taken off and set again through them.
   */
  private upgradeProperties() {
    for (const key of ['attention', ...ATTRIBUTE_KEYS.values()]) {
      if (!Object.prototype.hasOwnProperty.call(this, key)) continue;
      const value = (this as unknown as Record<string, unknown>)[key];
      delete (this as unknown as Record<string, unknown>)[key];
      (this as unknown as Record<string, unknown>)[key] = value;
    }
  }

  disconnectedCallback() {
    this.widget?.destroy();
    this.widget = null;
    this.shadowRoot?.replaceChildren();
  }

  attributeChangedCallback(attribute: string, _old: string | null, text: string | null) {
    const key = ATTRIBUTE_KEYS.get(attribute);
    if (this.widget && key) this.apply(attribute, key, text);
  }

  /** The widget's current state (a copy). */
  get state(): WidgetState | null {
    return this.widget?.getState() ?? null;
  }

  // text null: the attribute was removed, so the field goes back to its default, as if never set.
  private apply(attribute: string, key: keyof WidgetState, text: string | null) {
    if (!this.widget) return;
    const state = this.widget.getState();
    if (text !== null) this.record(attribute, setFromText(state, key, text));
    else {
      (state as unknown as Record<string, unknown>)[key] = this.defaults()[key];
      this.record(attribute, null);
    }
    this.widget.setState(state, [...this.notices.values()]);
  }

  /**
   * The defaults, in the page's language: without a lang attribute of its own, the element speaks that of the
   * nearest lang around it (a Korean tutorial's <html lang="ko">), or the browser's where that is neither
   * Korean nor English.
   */
  private defaults(): WidgetState {
    const defaults = defaultState();
    defaults.lang = languageOf(this.parentElement?.closest('[lang]')?.getAttribute('lang')) ?? defaults.lang;
    return defaults;
  }

  private record(attribute: string, notice: StateNotice | null) {
    if (notice) this.notices.set(attribute, { ...notice, key: attribute });
    else this.notices.delete(attribute);
  }

  static {
    // Properties mirror the attributes: el.sentences = ['…', '…'], el.heads = 4, el.view = 'grid'.
    for (const [attribute, key] of ATTRIBUTE_KEYS) {
      Object.defineProperty(this.prototype, key, {
        get(this: JumokAttentionElement) {
          return this.widget?.getState()[key];
        },
        set(this: JumokAttentionElement, value: unknown) {
          this.setAttribute(attribute, textOf(value));
        },
      });
    }
  }
}

if (typeof customElements === 'object' && !customElements.get('jumok-attention')) {
  customElements.define('jumok-attention', JumokAttentionElement);
}

/**
 * The state's fields as properties, for TypeScript: el.heads = 4 sets the heads attribute; reading gives the value
 * drawn (undefined before the element is connected). lang stays HTMLElement's string. Merged with the class,
 * whose static block defines them.
 */
export interface JumokAttentionElement extends Omit<Partial<WidgetState>, 'lang'> {}

export type { WidgetState };

declare global {
  interface HTMLElementTagNameMap {
    'jumok-attention': JumokAttentionElement;
  }
  interface HTMLElementEventMap {
    /** A reader's change through the element's own controls; detail is the new state. */
    'jumok-change': CustomEvent<WidgetState>;
  }
}
