// "Open a model…": a folder URL, or files picked or dropped from the reader's disk (config.json, the
// safetensors file or shards, tokenizer.json). Files are read in the page and never uploaded; a folder fetched
// by URL is kept in the browser's Cache Storage, which this panel can forget.
import type { Strings } from './i18n.js';

export interface OpenModelActions {
  openUrl(url: string): void;
  openFiles(files: File[]): void;
  forget(): Promise<void>;
}

export class OpenModelPanel {
  private strings: Strings | null = null;
  private open = false;

  constructor(private readonly container: HTMLElement, private readonly actions: OpenModelActions) {
    container.hidden = true;
    // The whole panel takes dropped files.
    container.addEventListener('dragover', (event) => {
      event.preventDefault();
      container.classList.add('jm-drop');
    });
    container.addEventListener('dragleave', () => container.classList.remove('jm-drop'));
    container.addEventListener('drop', (event) => {
      event.preventDefault();
      container.classList.remove('jm-drop');
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length > 0) this.choose(files);
    });
  }

  /** The toolbar's button that shows and hides the panel. */
  toggleButton(t: Strings): HTMLButtonElement {
    this.strings = t;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'jm-open-button';
    button.textContent = t.openModel;
    button.setAttribute('aria-expanded', String(this.open));
    button.addEventListener('click', () => {
      this.open = !this.open;
      button.setAttribute('aria-expanded', String(this.open));
      this.render();
    });
    if (this.open) this.render();
    return button;
  }

  private choose(files: File[]) {
    this.open = false;
    this.render();
    this.actions.openFiles(files);
  }

  private render() {
    const t = this.strings;
    this.container.hidden = !this.open || !t;
    if (!this.open || !t) return;
    const heading = Object.assign(document.createElement('p'), { className: 'jm-open-note', textContent: t.openModelNote });
    const form = document.createElement('form');
    form.className = 'jm-open-url';
    const url = Object.assign(document.createElement('input'), { type: 'url', name: 'model-url', placeholder: 'https://…/model/' });
    url.setAttribute('aria-label', t.modelUrl);
    const go = Object.assign(document.createElement('button'), { type: 'submit', textContent: t.openUrl });
    form.append(url, go);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (url.value.trim()) {
        this.open = false;
        this.render();
        this.actions.openUrl(url.value.trim());
      }
    });
    const files = Object.assign(document.createElement('input'), { type: 'file', name: 'model-files', multiple: true });
    files.setAttribute('aria-label', t.modelFiles);
    files.addEventListener('change', () => files.files && files.files.length > 0 && this.choose([...files.files]));
    const filesLabel = document.createElement('label');
    filesLabel.append(t.modelFiles, ' ', files);
    const forget = Object.assign(document.createElement('button'), { type: 'button', className: 'jm-forget', textContent: t.forgetModels });
    forget.addEventListener('click', () => void this.actions.forget().then(() => (forget.textContent = t.forgotModels)));
    this.container.replaceChildren(heading, form, filesLabel, Object.assign(document.createElement('p'), { className: 'jm-open-drop', textContent: t.dropFiles }), forget);
  }
}
