// The widget's styles, scoped by the jm- prefix on a page and by the shadow root in the element.
export const WIDGET_CSS = `
.jm-root [hidden] { display: none !important; }  /* the display of .jm-toolbar and others would win over [hidden] */
.jm-root { font-family: "Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", system-ui, sans-serif;
  color: #1b1b1b; font-size: 14px; line-height: 1.45; position: relative; }
.jm-toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin-bottom: 0.5rem; }
.jm-toolbar label { display: inline-flex; gap: 0.35rem; align-items: center; }
.jm-toolbar select, .jm-toolbar button, .jm-toolbar input { font: inherit; }
.jm-views { display: inline-flex; border: 1px solid #c9c9c9; border-radius: 6px; overflow: hidden; }
.jm-views button { border: 0; background: #fff; padding: 0.25rem 0.6rem; cursor: pointer; }
.jm-views button[aria-pressed="true"] { background: #08519c; color: #fff; }
.jm-note { color: #555; margin: 0.25rem 0; }
.jm-notice { color: #8a4b00; background: #fff4e0; border-left: 3px solid #e8a33d; padding: 0.3rem 0.6rem; margin: 0.35rem 0; }
.jm-notice:empty { display: none; }
.jm-error { color: #9b1c1c; background: #fdecec; border-left-color: #d64545; }
.jm-sources { margin: 0.25rem 0 0.5rem; }
.jm-source { margin: 0.15rem 0; }
.jm-token { border-radius: 3px; padding: 0 1px; }
.jm-hl-query { background: #ffd166; }
.jm-hl-key { background: #9ecae1; }
.jm-scroll { overflow: auto; max-width: 100%; max-height: 80vh; }
.jm-heatmap:focus-visible { outline: 3px solid #e4572e; outline-offset: 2px; }
.jm-tooltip { position: absolute; pointer-events: none; background: rgba(20, 20, 20, 0.92); color: #fff;
  padding: 0.3rem 0.5rem; border-radius: 4px; font-size: 13px; width: max-content; max-width: calc(100% - 8px); z-index: 2; }
.jm-grid { display: flex; flex-wrap: wrap; gap: 0.6rem; }
.jm-thumb { border: 1px solid #d0d0d0; border-radius: 6px; background: #fff; padding: 0.3rem; cursor: pointer; text-align: left; }
.jm-thumb:hover, .jm-thumb:focus-visible { border-color: #08519c; outline: 2px solid #08519c; }
.jm-thumb-title { display: block; font-weight: 600; margin-bottom: 0.2rem; }
.jm-steps { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.75rem; }
.jm-step { border: 1px solid #e2e2e2; border-radius: 6px; padding: 0.4rem 0.6rem; }
.jm-step-title { font-size: 15px; margin: 0 0 0.3rem; display: flex; gap: 0.75rem; align-items: baseline; }
.jm-step-shape { font-family: ui-monospace, "Noto Sans Mono CJK KR", monospace; color: #555; font-weight: 400; }
.jm-step-note { color: #555; margin: 0 0 0.3rem; }
.jm-table { border-collapse: collapse; font-size: 13px; }
.jm-table th, .jm-table td { border: 1px solid #ddd; padding: 0.15rem 0.4rem; text-align: right; }
.jm-table th { background: #f6f6f6; }
.jm-table td.jm-masked { color: #888; background: #f1f1f1; }
.jm-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.jm-open { border: 1px dashed #9ecae1; border-radius: 6px; padding: 0.4rem 0.6rem; margin: 0.35rem 0; display: grid; gap: 0.35rem; }
.jm-open.jm-drop { background: #eef6fc; border-color: #08519c; }
.jm-open p { margin: 0; }
.jm-open-url { display: flex; gap: 0.4rem; flex-wrap: wrap; }
.jm-open-url input { flex: 1 1 12rem; min-width: 0; font: inherit; }
.jm-open label { display: flex; flex-wrap: wrap; gap: 0.35rem; align-items: center; }
.jm-open input[type="file"] { max-width: 100%; }
.jm-progress { display: flex; gap: 0.5rem; align-items: center; margin: 0.25rem 0; }
.jm-progress progress { flex: 0 1 16rem; }
.jm-model-grid { display: grid; grid-template-columns: repeat(calc(var(--columns) + 1), max-content); justify-content: start;
  gap: 6px; align-items: center; }
.jm-model-head, .jm-model-layer { font-size: 12px; color: #555; text-align: center; }
.jm-model-thumb { padding: 0; border: 1px solid #d0d0d0; background: #fff; cursor: pointer; line-height: 0; }
.jm-model-thumb:hover, .jm-model-thumb:focus-visible { outline: 2px solid #08519c; }
.jm-model-average { border-color: #777; }
.jm-lines:focus-visible { outline: 3px solid #e4572e; outline-offset: 2px; }
.jm-lines-legend { display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0.2rem 0; }
.jm-chip { border: 1px solid #d0d0d0; border-left: 12px solid var(--chip); border-radius: 3px; background: #fff;
  padding: 0 0.4rem; font: inherit; font-size: 12px; cursor: pointer; }
.jm-chip[aria-pressed="false"] { border-left-color: #e6e6e6; color: #888; text-decoration: line-through; }
.jm-chip:disabled { cursor: default; color: inherit; }
.jm-prediction { margin: 0.3rem 0; display: flex; flex-wrap: wrap; gap: 0.4rem 0.8rem; align-items: baseline; }
.jm-candidates { display: inline-flex; flex-wrap: wrap; gap: 0.2rem 1.2rem; margin: 0; padding: 0; list-style-position: inside; }
.jm-translation { font-weight: 600; }
@media (prefers-reduced-motion: reduce) { .jm-root * { transition: none !important; animation: none !important; scroll-behavior: auto !important; } }
`;
